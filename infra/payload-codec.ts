import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, ValueError, type DataConverter, type Payload, type PayloadCodec } from '@temporalio/common';
// A CommonJS package: Node's ESM loader gives only its default export (as infra/register-search-attributes.ts uses it).
import proto from '@temporalio/proto';

// Clients' affairs (order forms, chat offers, ticket texts) must not be readable by whoever has
// access to the Temporal server, its database or its UI: every payload the service hands to
// Temporal — workflow inputs and results, signals, updates, queries, activity arguments — is
// sealed here with AES-256-GCM before it leaves the process. Each payload names the key that
// sealed it, so a new key can take over encryption while the old ones still open old payloads.

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const PAYLOAD_KEY_BYTES = 32;
export const PAYLOAD_KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface PayloadKeyring {
  /** The key id that seals new payloads. */
  encryptWith: string;
  /** Every key that may open a payload, by id (the encrypting one included). */
  keys: ReadonlyMap<string, Buffer>;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/**
 * `PAYLOAD_KEYS`: comma-separated `id:base64key` entries, each key exactly 32 bytes. Returns the
 * keys or, for configuration validation, the first problem found as a sentence.
 */
export function parsePayloadKeys(text: string): Map<string, Buffer> | string {
  const keys = new Map<string, Buffer>();
  for (const entry of text.split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon);
    if (!PAYLOAD_KEY_ID.test(id)) return `each entry is id:base64key with an id of 1–64 of A-Z a-z 0-9 . _ - (got "${id}")`;
    const encoded = entry.slice(colon + 1);
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== PAYLOAD_KEY_BYTES || key.toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, '')) {
      return `key "${id}" must be ${PAYLOAD_KEY_BYTES} bytes in base64 (e.g. \`openssl rand -base64 32\`)`;
    }
    if (keys.has(id)) return `key id "${id}" appears twice`;
    keys.set(id, key);
  }
  return keys.size === 0 ? 'at least one id:base64key entry is needed' : keys;
}

/** A fresh `id:base64key` entry for PAYLOAD_KEYS (npm start's development key). */
export function newPayloadKeyEntry(id: string): string {
  return `${id}:${randomBytes(PAYLOAD_KEY_BYTES).toString('base64')}`;
}

export class AesGcmPayloadCodec implements PayloadCodec {
  readonly #keyring: PayloadKeyring;

  constructor(keyring: PayloadKeyring) {
    if (!keyring.keys.has(keyring.encryptWith)) throw new Error(`payload key "${keyring.encryptWith}" is not among the configured keys`);
    this.#keyring = keyring;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.#seal(payload));
  }

  // Anything not sealed by this codec (plain JSON of recorded histories, payloads written before
  // encryption was switched on) passes through unchanged, so old workflows keep replaying.
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (encodingOf(payload) === ENCRYPTED_ENCODING ? this.#open(payload) : payload));
  }

  #seal(payload: Payload): Payload {
    const keyId = this.#keyring.encryptWith;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#keyring.keys.get(keyId)!, iv, { authTagLength: TAG_BYTES });
    // The key id is authenticated data: a payload whose metadata was changed to name another key fails.
    cipher.setAAD(utf8.encode(keyId));
    const plain = proto.temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { [METADATA_ENCODING_KEY]: utf8.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8.encode(keyId) },
      data: sealed,
    };
  }

  #open(payload: Payload): Payload {
    const keyIdBytes = payload.metadata?.[KEY_ID_METADATA];
    if (!keyIdBytes) throw new ValueError('An encrypted payload names no key id.');
    const keyId = fromUtf8.decode(keyIdBytes);
    const key = this.#keyring.keys.get(keyId);
    if (!key) throw new ValueError(`Payload key "${keyId}" is not configured (PAYLOAD_KEYS); it is needed to decrypt this payload.`);
    const data = payload.data ?? new Uint8Array();
    if (data.length < IV_BYTES + TAG_BYTES) throw new ValueError('An encrypted payload is too short.');
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(keyIdBytes);
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    const decoded = proto.temporal.api.common.v1.Payload.decode(plain);
    return { metadata: decoded.metadata, data: decoded.data };
  }
}

function encodingOf(payload: Payload): string | undefined {
  const bytes = payload.metadata?.[METADATA_ENCODING_KEY];
  return bytes ? fromUtf8.decode(bytes) : undefined;
}

/** The data converter every Temporal client and worker of the service uses. */
export function encryptingDataConverter(codec: PayloadCodec): DataConverter {
  return { payloadCodecs: [codec] };
}
