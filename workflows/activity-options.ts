import type { ActivityOptions } from '@temporalio/workflow';

// Activity options shared by the workflows, so a policy is tuned in one place.

/** Outbound delivery to a channel that may be down for hours (SMTP, Telegram Bot API): keep trying with back-off. */
export const DELIVERY_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
};

/** Writes to our own database and outbox (mirrors, history, e-mails queued): short retries. */
export const BOOKKEEPING_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '5 minutes' },
};

/**
 * The order's activities (mirror, mail, contract generation, and the ledger's payment steps):
 * short retries; a contract whose fields fail validation, or an idempotency key reused with
 * other fields, will never succeed and is not retried.
 */
export const ORDER_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '1 minute', nonRetryableErrorTypes: ['CONTRACT_FIELDS_INVALID', 'IDEMPOTENCY_KEY_REUSED'] },
};

/**
 * The consultation's activities (mirror, system messages, notices, flags, escalations and the
 * ledger's payment steps): short retries; an idempotency key reused with other fields will
 * never succeed and is not retried.
 */
export const CONSULTATION_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '1 minute', nonRetryableErrorTypes: ['IDEMPOTENCY_KEY_REUSED'] },
};

/**
 * The question's activities (mirror, notices, escalations and the ledger's payment steps): short
 * retries; an idempotency key reused with other fields will never succeed and is not retried.
 */
export const QUESTION_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '1 minute', nonRetryableErrorTypes: ['IDEMPOTENCY_KEY_REUSED'] },
};
