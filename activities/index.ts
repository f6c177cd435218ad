import type { Transporter } from 'nodemailer';
import type { Db } from '../infra/db.ts';
import type { TemporalTarget } from '../services/outbox.ts';
import type { FileStorage } from '../services/storage.ts';
import { createMailActivities } from './mail.ts';
import { createOrderActivities } from './orders.ts';
import type { PaymentProvider } from '../services/payments/provider.ts';
import { createMoneyActivities } from './money.ts';
import { createVerificationActivities } from './verification.ts';

export interface ActivityDeps {
  db: Db;
  mailer: Transporter;
  mailFrom: string;
  temporal: TemporalTarget;
  publicBaseUrl: string;
  /** Where generated documents (EL-CON-1 contracts) are stored. */
  storage?: FileStorage;
  payments: PaymentProvider;
}

// Activities are factories over their dependencies, so tests pass real ones the same way.
export function createActivities(deps: ActivityDeps) {
  return {
    ...createMailActivities({ db: deps.db, mailer: deps.mailer, from: deps.mailFrom }),
    ...createVerificationActivities(deps),
    ...createOrderActivities(deps),
    ...createMoneyActivities({ db: deps.db, payments: deps.payments }),
  };
}
