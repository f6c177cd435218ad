import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { InboundMessage } from '../services/support/intake.ts';

// SUP-1, e-mail channel: an SMTP listener the support mailbox's MX (or a relay) delivers to.
// A message is accepted (250) only after it is durably registered; if registration fails the
// sender gets a temporary 451 and its mail server retries later, so no request is lost.

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

// PostgreSQL text cannot hold U+0000; a decoded header or body may. Left in, the message
// would fail to register on every redelivery (451 for ever): a request lost (SUP-1).
const withoutNul = (text: string) => text.replaceAll('\u0000', '');

export function inboundFromMail(mail: ParsedMail, raw: Buffer): InboundMessage | null {
  const from = mail.from?.value[0]?.address?.toLowerCase();
  if (!from) return null;
  const references = [
    ...(mail.inReplyTo ? [mail.inReplyTo] : []),
    ...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : []),
  ];
  return {
    channel: 'email',
    // A message without Message-ID is keyed by its bytes: a redelivery of it is the same message.
    externalId: mail.messageId ? withoutNul(mail.messageId) : `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    subject: withoutNul(mail.subject ?? '').trim() || '(no subject)',
    body: withoutNul(mail.text ?? '').trim() || '(empty message)',
    contact: { email: withoutNul(from) },
    identity: { customerName: withoutNul(mail.from?.value[0]?.name ?? '') || undefined },
    references: references.map(withoutNul),
  };
}

export interface SupportMailListener {
  port: number;
  stop(): Promise<void>;
}

export async function startSupportMailListener(options: {
  host: string;
  port: number;
  register: (message: InboundMessage) => Promise<unknown>;
  onError?: (error: unknown) => void;
}): Promise<SupportMailListener> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then(async (mail) => {
            const message = inboundFromMail(mail, raw);
            if (!message) throw Object.assign(new Error('A From address is required'), { responseCode: 550 });
            await options.register(message);
            callback();
          })
          .catch((error: Error & { responseCode?: number }) => {
            options.onError?.(error);
            callback(
              Object.assign(new Error(error.responseCode ? error.message : 'Try again later'), { responseCode: error.responseCode ?? 451 }),
            );
          });
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
