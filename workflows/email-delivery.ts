import { proxyActivities } from '@temporalio/workflow';
import type { DeliveryActivities } from '../domain/delivery/contract.ts';
import { DELIVERY_ACTIVITY } from './activity-options.ts';

// One durable delivery per outbox e-mail: the SMTP server may be down for hours; the retry
// policy keeps trying with back-off, and the activity skips mail already sent.
const { deliverEmail } = proxyActivities<DeliveryActivities>(DELIVERY_ACTIVITY);

export async function emailDeliveryWorkflow(outboxId: string): Promise<void> {
  await deliverEmail(outboxId);
}
