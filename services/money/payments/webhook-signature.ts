import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../../domain/errors.ts';

// HMAC-SHA256 webhook signatures in the shape most acquirers use (Stripe's `t=…,v1=…`): the
// timestamp is signed with the body, so a captured request cannot be replayed after the
// tolerance, and the comparison is constant-time.

export const SIGNATURE_HEADER = 'x-sandbox-signature';
const TOLERANCE_MS = 5 * 60_000;

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signWebhook(secret: string, body: string, now: number): string {
  const timestamp = Math.floor(now / 1000);
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

export function verifyWebhookSignature(secret: string, rawBody: Buffer, header: string | string[] | undefined, now: number): void {
  const refuse = (why: string) => new DomainError('WEBHOOK_SIGNATURE_INVALID', `The webhook signature is not valid: ${why}.`);
  if (typeof header !== 'string') throw refuse(`missing ${SIGNATURE_HEADER} header`);
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) throw refuse('malformed header');
  if (Math.abs(now - timestamp * 1000) > TOLERANCE_MS) throw refuse('timestamp outside the tolerance');
  const expected = Buffer.from(hmac(secret, timestamp, rawBody.toString('utf8')), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(parts.v1!, 'hex'))) throw refuse('signature mismatch');
}
