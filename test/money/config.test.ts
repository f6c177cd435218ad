import { describe, expect, it } from 'vitest';
import { DEV_PAYMENTS_WEBHOOK_SECRET, loadConfig, paymentsWebhookSecret } from '../../infra/config.ts';
import { TEST_PAYLOAD_KEYS } from '../support/config.ts';

const base = { DATABASE_URL: 'postgresql://u@127.0.0.1:5432/db', JWT_SECRET: 'j'.repeat(32), PAYLOAD_KEYS: TEST_PAYLOAD_KEYS };

describe('payments configuration', () => {
  it('requires a webhook secret in production', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/PAYMENTS_WEBHOOK_SECRET: required in production/);
    const config = loadConfig({ ...base, NODE_ENV: 'production', PAYMENTS_WEBHOOK_SECRET: 's'.repeat(32) });
    expect(paymentsWebhookSecret(config)).toBe('s'.repeat(32));
  });

  it('falls back to the public development secret only in development and tests', () => {
    expect(paymentsWebhookSecret(loadConfig({ ...base, NODE_ENV: 'development' }))).toBe(DEV_PAYMENTS_WEBHOOK_SECRET);
    expect(paymentsWebhookSecret(loadConfig({ ...base, NODE_ENV: 'test' }))).toBe(DEV_PAYMENTS_WEBHOOK_SECRET);
  });

  it('refuses a short secret and an unknown provider', () => {
    expect(() => loadConfig({ ...base, PAYMENTS_WEBHOOK_SECRET: 'short' })).toThrow(/at least 32 characters/);
    expect(() => loadConfig({ ...base, PAYMENTS_PROVIDER: 'paypal' })).toThrow(/PAYMENTS_PROVIDER/);
  });
});
