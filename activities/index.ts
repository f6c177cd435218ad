import type { Transporter } from 'nodemailer';
import type { Db } from '../infra/db.ts';
import type { TelegramSender } from '../infra/telegram-bot.ts';
import type { TemporalTarget } from '../services/platform/temporal/gateway.ts';
import type { FileStorage } from '../services/platform/storage.ts';
import { createMailActivities } from './mail.ts';
import { createOrderActivities } from './orders.ts';
import type { PaymentProvider } from '../services/money/payments/provider.ts';
import { createMoneyActivities } from './money.ts';
import { createReconciliationActivities } from './reconciliation.ts';
import { createCardModerationActivities } from './card-moderation.ts';
import { createConsultationActivities } from './consultations.ts';
import { createQuestionActivities } from './questions.ts';
import { createSupportActivities } from './support.ts';
import { createTelegramActivities } from './telegram.ts';
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
  /** Support desk: the supervisor on duty who receives SLA escalations. */
  supportSupervisorEmail?: string | undefined;
  /** Support desk: answers to Telegram customers; absent when no bot token is configured. */
  telegram?: TelegramSender | undefined;
}

// Activities are factories over their dependencies, so tests pass real ones the same way.
export function createActivities(deps: ActivityDeps) {
  return {
    ...createMailActivities({ db: deps.db, mailer: deps.mailer, from: deps.mailFrom }),
    ...createVerificationActivities(deps),
    ...createOrderActivities(deps),
    ...createConsultationActivities(deps),
    ...createQuestionActivities(deps),
    ...createMoneyActivities({ db: deps.db, payments: deps.payments }),
    ...createReconciliationActivities(deps),
    ...createSupportActivities({ ...deps, supervisorEmail: deps.supportSupervisorEmail }),
    ...createCardModerationActivities({ ...deps, supervisorEmail: deps.supportSupervisorEmail }),
    ...createTelegramActivities(deps),
  };
}
