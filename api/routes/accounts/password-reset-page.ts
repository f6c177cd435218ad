import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../schemas.ts';

// ACC-2: the page the mailed reset link opens (`PUBLIC_BASE_URL/reset-password?token=…`, see
// services/password-reset.ts) until a web app exists. It only renders a form; its script
// posts to the API's own `POST /v1/auth/password-reset/confirm`, so the rules stay in one place.
// English only: the service has no languages yet.

// Static, so the Content-Security-Policy can allow exactly this script by its hash and no other.
// Messages go in with textContent: nothing from the server or the URL is ever parsed as HTML.
const SCRIPT = `
const form = document.getElementById('reset');
const result = document.getElementById('result');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const newPassword = form.elements.newPassword.value;
  if (newPassword !== form.elements.repeat.value) { result.textContent = 'The two passwords differ.'; return; }
  form.elements.save.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: form.elements.token.value, newPassword }),
    });
    if (response.status === 204) {
      form.hidden = true;
      result.textContent = 'Your new password is set. Sign in with it.';
      return;
    }
    const problem = await response.json().catch(() => ({}));
    const field = problem.errors && problem.errors[0];
    result.textContent = field ? 'The password ' + field.message + '.' : problem.detail || 'Something went wrong; try again.';
  } catch {
    result.textContent = 'The service cannot be reached; try again.';
  } finally {
    form.elements.save.disabled = false;
  }
});
`;

const SECURITY_HEADERS = {
  'content-security-policy':
    `default-src 'none'; script-src 'sha256-${createHash('sha256').update(SCRIPT).digest('base64')}'; ` +
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // The token is in the page's URL: no other site may learn it from a Referer.
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'cross-origin-opener-policy': 'same-origin',
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

// The form's action is relative to the page, so it reaches the API under PUBLIC_BASE_URL's path too.
const page = (token: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Set a new password · Maslahat</title></head>
<body><h1>Set a new password</h1>
<form id="reset" method="post" action="v1/auth/password-reset/confirm">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<p><label>New password <input type="password" name="newPassword" autocomplete="new-password" minlength="10" maxlength="200" required></label></p>
<p><label>Repeat it <input type="password" name="repeat" autocomplete="new-password" minlength="10" maxlength="200" required></label></p>
<p><button type="submit" name="save">Save</button></p>
</form>
<p id="result" role="status"></p>
<script>${SCRIPT}</script>
</body></html>`;

const passwordResetPage: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/reset-password',
    {
      schema: {
        tags: ['auth'],
        description: 'ACC-2: the page the reset e-mail links to; it sets the new password through POST /v1/auth/password-reset/confirm.',
        querystring: z.object({ token: z.string().min(1).max(200) }),
        response: { 200: z.string().describe('HTML page'), ...problemResponses(400) },
      },
    },
    async (request, reply) => reply.headers(SECURITY_HEADERS).type('text/html; charset=utf-8').send(page(request.query.token)),
  );
};

export default passwordResetPage;
