import type { Payload, PayloadCodec } from '@temporalio/common';
import { DomainError } from '../../../domain/errors.ts';

// Temporal's remote codec protocol (what the Web UI and the CLI's --codec-endpoint speak): the
// Payloads message as protobuf JSON, `{ payloads: [{ metadata: { key: base64 }, data: base64 }] }`.

export interface JsonPayload {
  metadata?: Record<string, string> | null | undefined;
  data?: string | null | undefined;
}

function fromJson({ metadata, data }: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
    data: Buffer.from(data ?? '', 'base64'),
  };
}

function toJson({ metadata, data }: Payload): { metadata: Record<string, string>; data: string } {
  return {
    metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')])),
    data: Buffer.from(data ?? new Uint8Array()).toString('base64'),
  };
}

/** `POST …/decode`: opens encrypted payloads, hands others back unchanged. */
export async function decodeJsonPayloads(codec: PayloadCodec, payloads: JsonPayload[]) {
  try {
    return (await codec.decode(payloads.map(fromJson))).map(toJson);
  } catch (error) {
    throw new DomainError('PAYLOAD_UNDECODABLE', `A payload could not be decrypted: ${(error as Error).message}`, undefined, error);
  }
}

/** `POST …/encode`: seals payloads (an operator sending a signal from the UI). */
export async function encodeJsonPayloads(codec: PayloadCodec, payloads: JsonPayload[]) {
  return (await codec.encode(payloads.map(fromJson))).map(toJson);
}
