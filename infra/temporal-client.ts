import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { payloadKeyring, type Config } from './config.ts';
import { AesGcmPayloadCodec, encryptingDataConverter } from './payload-codec.ts';

// The one way the service's processes reach Temporal: every client and worker carries the
// encrypting data converter, so no payload reaches the server in plain text.

export function temporalDataConverter(config: Pick<Config, 'PAYLOAD_KEYS' | 'PAYLOAD_KEY_ID'>): DataConverter {
  return encryptingDataConverter(new AesGcmPayloadCodec(payloadKeyring(config)));
}

export async function connectTemporalClient(
  config: Pick<Config, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE' | 'PAYLOAD_KEYS' | 'PAYLOAD_KEY_ID'>,
): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: temporalDataConverter(config) });
  return { client, connection };
}
