import { proxyActivities } from '@temporalio/workflow';
import type { DeliveryActivities } from '../domain/delivery/contract.ts';
import { DELIVERY_ACTIVITY } from './activity-options.ts';

// One durable delivery per operator answer to a Telegram customer: the Bot API may be
// unreachable for a while; the retry policy keeps trying with back-off.
const { deliverTelegramMessage } = proxyActivities<DeliveryActivities>(DELIVERY_ACTIVITY);

export async function telegramDeliveryWorkflow(messageId: string): Promise<void> {
  await deliverTelegramMessage(messageId);
}
