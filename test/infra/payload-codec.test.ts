import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { loadConfig, payloadKeyring } from '../../infra/config.ts';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA, parsePayloadKeys } from '../../infra/payload-codec.ts';

// The payload codec on its own: AES-256-GCM, the key id in each payload's metadata, rotation,
// and plain payloads (recorded histories, pre-encryption workflows) passed through unchanged.

const OLD = `old-1:${Buffer.alloc(32, 1).toString('base64')}`;
const NEW = `new-2:${Buffer.alloc(32, 2).toString('base64')}`;
const text = (bytes: Uint8Array | null | undefined) => new TextDecoder().decode(bytes ?? new Uint8Array());
const base = { DATABASE_URL: 'postgresql://u@127.0.0.1:5432/db', JWT_SECRET: 'j'.repeat(32) };
const codecOf = (env: Record<string, string>) => new AesGcmPayloadCodec(payloadKeyring(loadConfig({ ...base, ...env })));
const orderForm = { fullName: 'Dilnoza Karimova', email: 'dilnoza@example.test', facts: 'My landlord kept the deposit' };

describe('payload codec', () => {
  it('seals a payload: binary/encrypted, the key id in its metadata, no plaintext left', async () => {
    const codec = codecOf({ PAYLOAD_KEYS: OLD });
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(orderForm)]);
    expect(text(sealed!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed!.metadata![KEY_ID_METADATA])).toBe('old-1');
    expect(Buffer.from(sealed!.data!).toString('latin1')).not.toContain('Dilnoza');
    const [opened] = await codec.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(orderForm);
  });

  it('encrypts each payload afresh (a random nonce per payload)', async () => {
    const codec = codecOf({ PAYLOAD_KEYS: OLD });
    const payload = defaultPayloadConverter.toPayload(orderForm);
    const [a, b] = await codec.encode([payload, payload]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('passes plain payloads through unchanged, so recorded histories still replay', async () => {
    const codec = codecOf({ PAYLOAD_KEYS: OLD });
    const plain = defaultPayloadConverter.toPayload({ status: 'paid' });
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('rotation: a new key encrypts, payloads sealed under the old key still decrypt', async () => {
    const [underOld] = await codecOf({ PAYLOAD_KEYS: OLD }).encode([defaultPayloadConverter.toPayload(orderForm)]);
    const rotated = codecOf({ PAYLOAD_KEYS: `${OLD},${NEW}`, PAYLOAD_KEY_ID: 'new-2' });
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([underOld!]))[0]!)).toEqual(orderForm);
    const [underNew] = await rotated.encode([defaultPayloadConverter.toPayload(orderForm)]);
    expect(text(underNew!.metadata![KEY_ID_METADATA])).toBe('new-2');
    // Once the old key is dropped from the configuration, its payloads no longer open.
    await expect(codecOf({ PAYLOAD_KEYS: NEW }).decode([underOld!])).rejects.toThrow(/Payload key "old-1" is not configured/);
  });

  it('refuses a payload whose key id or ciphertext was tampered with', async () => {
    const codec = codecOf({ PAYLOAD_KEYS: `${OLD},${NEW}` });
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(orderForm)]);
    const relabelled = { ...sealed!, metadata: { ...sealed!.metadata, [KEY_ID_METADATA]: new TextEncoder().encode('new-2') } };
    await expect(codec.decode([relabelled])).rejects.toThrow();
    const flipped = Buffer.from(sealed!.data!);
    flipped[20]! ^= 1;
    await expect(codec.decode([{ ...sealed!, data: flipped }])).rejects.toThrow();
  });

  it('configuration: keys are validated at start (32 bytes, known encrypting id, present)', () => {
    expect(() => loadConfig(base)).toThrow(/PAYLOAD_KEYS/);
    expect(() => loadConfig({ ...base, PAYLOAD_KEYS: `k1:${Buffer.alloc(16).toString('base64')}` })).toThrow(/must be 32 bytes/);
    expect(() => loadConfig({ ...base, PAYLOAD_KEYS: 'no-colon' })).toThrow(/id:base64key/);
    expect(() => loadConfig({ ...base, PAYLOAD_KEYS: `${OLD},${OLD}` })).toThrow(/appears twice/);
    expect(() => loadConfig({ ...base, PAYLOAD_KEYS: OLD, PAYLOAD_KEY_ID: 'new-2' })).toThrow(/PAYLOAD_KEY_ID: "new-2" is not a key id/);
    expect(payloadKeyring(loadConfig({ ...base, PAYLOAD_KEYS: `${NEW},${OLD}` })).encryptWith).toBe('new-2');
    const keys = parsePayloadKeys(`${OLD}, ${NEW}`);
    expect(keys instanceof Map ? [...keys.keys()] : keys).toEqual(['old-1', 'new-2']);
  });
});
