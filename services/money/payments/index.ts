import { paymentsWebhookSecret, type Config } from '../../../infra/config.ts';
import type { Db } from '../../../infra/db.ts';
import type { PaymentProvider } from './provider.ts';
import { SandboxAcquirer, type WebhookTransport } from './sandbox-acquirer.ts';

// The acquirer the configuration names. A real one (Payme, Click, Stripe …) is one more case.
export function createPaymentProvider(
  config: Pick<Config, 'PAYMENTS_PROVIDER' | 'PAYMENTS_WEBHOOK_SECRET' | 'PAYMENTS_SANDBOX_WEBHOOK_URL' | 'NODE_ENV' | 'PUBLIC_BASE_URL'>,
  db: Db,
  transport?: WebhookTransport,
): PaymentProvider {
  switch (config.PAYMENTS_PROVIDER) {
    case 'sandbox':
      return new SandboxAcquirer({
        db,
        secret: paymentsWebhookSecret(config),
        publicBaseUrl: config.PUBLIC_BASE_URL,
        ...(config.PAYMENTS_SANDBOX_WEBHOOK_URL && { webhookUrl: config.PAYMENTS_SANDBOX_WEBHOOK_URL }),
        ...(transport && { transport }),
      });
  }
}
