import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { registerAdmin, registerAndLogin } from '../support/factories.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { waitFor } from '../support/wait.ts';

// Uploads (size, type, who may read) and ACC-4 end to end: through the HTTP API, the real
// verification workflow on the dev server, the database mirror and the operator's search.

const UPLOAD_MAX_BYTES = 4096;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES) });
});
afterAll(async () => stack?.close());

function upload(auth: Record<string, string>, bytes: Buffer, filename: string) {
  const form = new FormData();
  form.append('file', new Blob([bytes]), filename);
  return stack.app.inject({ method: 'POST', url: '/v1/files', headers: auth, payload: form });
}

// A birth date that makes the user 17 today in Baku, the portal's zone.
const seventeenYearsOld = () => DateTime.now().setZone('Asia/Baku').minus({ years: 17, days: 10 }).toISODate()!;

describe('file uploads', () => {
  it('stores a PDF, lists it, and lets only its owner download the same bytes', async () => {
    const owner = await registerAndLogin(stack.app);
    const stranger = await registerAndLogin(stack.app);
    const created = await upload(owner.auth, PDF, 'court act.pdf');
    expect(created.statusCode).toBe(201);
    const file = created.json<{ id: string; mediaType: string; sizeBytes: number }>();
    expect(file).toMatchObject({ mediaType: 'application/pdf', sizeBytes: PDF.length });

    const listed = await stack.app.inject({ url: '/v1/files', headers: owner.auth });
    expect(listed.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toEqual([file.id]);

    const content = await stack.app.inject({ url: `/v1/files/${file.id}/content`, headers: owner.auth });
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.equals(PDF)).toBe(true);
    expect(content.headers['content-disposition']).toContain('court%20act.pdf');

    const refused = await stack.app.inject({ url: `/v1/files/${file.id}/content`, headers: stranger.auth });
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a type judged by its bytes, not its name (415), and a file over the limit (413)', async () => {
    const user = await registerAndLogin(stack.app);
    const renamed = await upload(user.auth, EXE, 'harmless.pdf');
    expect(renamed.statusCode).toBe(415);
    expect(renamed.json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });

    const big = Buffer.concat([PDF, Buffer.alloc(UPLOAD_MAX_BYTES, 0x20)]);
    const tooBig = await upload(user.auth, big, 'big.pdf');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: 'FILE_TOO_LARGE' });

    const listed = await stack.app.inject({ url: '/v1/files', headers: user.auth });
    expect(listed.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('answers a request without the file field with a 400 problem', async () => {
    const user = await registerAndLogin(stack.app);
    const form = new FormData();
    form.append('other', 'x');
    const response = await stack.app.inject({ method: 'POST', url: '/v1/files', headers: user.auth, payload: form });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('ACC-4 verification through the API', () => {
  it('ACC-4: a 17-year-old cannot order until an admin approves the court act; the operator finds the workflow by user and status', async () => {
    const teen = await registerAndLogin(stack.app, { birthDate: seventeenYearsOld() });
    const admin = await registerAdmin(stack.app, stack.database.db);
    const terms = (await stack.app.inject({ url: '/v1/me/terms', headers: teen.auth })).json<{ version: string }>();
    const accepted = await stack.app.inject({
      method: 'POST',
      url: '/v1/me/terms-acceptances',
      headers: teen.auth,
      payload: { version: terms.version },
    });
    expect(accepted.statusCode).toBe(201);

    const before = (await stack.app.inject({ url: '/v1/me/eligibility', headers: teen.auth })).json<{
      canOrder: boolean;
      reasons: { code: string }[];
    }>();
    expect(before.canOrder).toBe(false);
    expect(before.reasons.map((reason) => reason.code)).toContain('VERIFICATION_REQUIRED');

    const document = (await upload(teen.auth, PDF, 'court-act.pdf')).json<{ id: string }>();
    const adultDocument = (await upload(admin.auth, PDF, 'court-act.pdf')).json<{ id: string }>();
    const adultNeedsNone = await stack.app.inject({
      method: 'POST',
      url: '/v1/me/verifications',
      headers: admin.auth,
      payload: { kind: 'court_act_full_capacity', documentFileId: adultDocument.id },
    });
    expect(adultNeedsNone.statusCode).toBe(422);
    expect(adultNeedsNone.json()).toMatchObject({ code: 'VERIFICATION_NOT_NEEDED' });

    const submitted = await stack.app.inject({
      method: 'POST',
      url: '/v1/me/verifications',
      headers: teen.auth,
      payload: { kind: 'court_act_full_capacity', documentFileId: document.id },
    });
    expect(submitted.statusCode).toBe(202);
    const request = submitted.json<{ id: string; status: string }>();
    expect(request.status).toBe('pending');
    expect(submitted.headers.location).toBe(`/v1/verifications/${request.id}`);

    const queue = (await stack.app.inject({ url: '/v1/admin/verifications', headers: admin.auth })).json<{ items: { id: string }[] }>();
    expect(queue.items.map((item) => item.id)).toContain(request.id);
    const notAdmin = await stack.app.inject({
      method: 'POST',
      url: `/v1/admin/verifications/${request.id}/decision`,
      headers: teen.auth,
      payload: { decision: 'approve' },
    });
    expect(notAdmin.statusCode).toBe(403);

    const decided = await stack.app.inject({
      method: 'POST',
      url: `/v1/admin/verifications/${request.id}/decision`,
      headers: admin.auth,
      payload: { decision: 'approve' },
    });
    expect(decided.statusCode).toBe(202);

    const mirrored = await waitFor(
      async () => (await stack.app.inject({ url: `/v1/verifications/${request.id}`, headers: teen.auth })).json<{ status: string }>(),
      (view) => view.status !== 'pending',
    );
    expect(mirrored.status).toBe('approved');
    const after = (await stack.app.inject({ url: '/v1/me/eligibility', headers: teen.auth })).json<{ canOrder: boolean }>();
    expect(after.canOrder).toBe(true);

    const found = await waitFor(
      async () => {
        const ids: string[] = [];
        const query = `UserId = "${teen.user.id}" AND VerificationStatus = "approved"`;
        for await (const workflow of stack.client.workflow.list({ query })) ids.push(workflow.workflowId);
        return ids;
      },
      (ids) => ids.length > 0,
    );
    expect(found).toEqual([`verification-${request.id}`]);
  });
});
