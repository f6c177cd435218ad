import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { inboundFromMail } from '../../infra/support-mail-listener.ts';

// SUP-1: every e-mail is registered. PostgreSQL text cannot hold U+0000, so a message whose
// decoded subject or body carries one would fail to register on every redelivery (451 for
// ever): a request lost. The listener removes the character before registering.

const mailWithNul = [
  'From: Dilnoza <dilnoza@customer.test>',
  'To: support@maslahat.local',
  'Message-ID: <nul-1@customer.test>',
  `Subject: =?UTF-8?B?${Buffer.from('Invoice\u0000 42').toString('base64')}?=`,
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('Line one\u0000\nLine two').toString('base64'),
  '',
].join('\r\n');

describe('support mail intake', () => {
  it('SUP-1: a message whose subject and body decode to U+0000 is registered without it', async () => {
    const raw = Buffer.from(mailWithNul);
    const message = inboundFromMail(await simpleParser(raw), raw);
    expect(message).toMatchObject({
      channel: 'email',
      externalId: '<nul-1@customer.test>',
      subject: 'Invoice 42',
      body: 'Line one\nLine two',
      contact: { email: 'dilnoza@customer.test' },
      identity: { customerName: 'Dilnoza' },
    });
  });
});
