import { loadConfig, payloadKeyring, type Config } from '../../infra/config.ts';
import { AesGcmPayloadCodec, encryptingDataConverter } from '../../infra/payload-codec.ts';

/** The tests' payload key (a fixed, public test value): their stacks encrypt like production. */
export const TEST_PAYLOAD_KEYS = `test-1:${Buffer.alloc(32, 7).toString('base64')}`;

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: 'postgresql://unused@127.0.0.1:1/unused',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

/** The data converter of the tests' clients and workers (the codec with TEST_PAYLOAD_KEYS). */
export const testDataConverter = () => encryptingDataConverter(new AesGcmPayloadCodec(payloadKeyring(testConfig())));
