// The delivery processes' contracts: one durable workflow per outgoing message (an outbox
// e-mail, an operator's answer to a Telegram customer), retried with back-off while the
// channel is down. Pure: the workflows, the activities and the services import it.

export const emailDeliveryWorkflowId = (outboxId: string): string => `email-${outboxId}`;
export const EMAIL_DELIVERY_WORKFLOW_TYPE = 'emailDeliveryWorkflow';
export type EmailDeliveryWorkflow = (outboxId: string) => Promise<void>;

export const telegramDeliveryWorkflowId = (messageId: string): string => `telegram-${messageId}`;
export const TELEGRAM_DELIVERY_WORKFLOW_TYPE = 'telegramDeliveryWorkflow';
export type TelegramDeliveryWorkflow = (messageId: string) => Promise<void>;

export type DeliveryResult = 'sent' | 'already-sent';

/** Each activity skips a message already sent, so a retry never sends twice. */
export interface DeliveryActivities {
  deliverEmail(outboxId: string): Promise<DeliveryResult>;
  deliverTelegramMessage(messageId: string): Promise<DeliveryResult>;
}
