// Every workflow the worker runs. Workflow code is bundled into Temporal's deterministic
// sandbox: import only workflow-safe modules here (no Node built-ins, no I/O).
export { verificationWorkflow } from './verification.ts';
export { emailDeliveryWorkflow } from './email-delivery.ts';
export { ticketWorkflow } from './ticket.ts';
export { cardModerationWorkflow } from './card-moderation.ts';
export { telegramDeliveryWorkflow } from './telegram-delivery.ts';
// Orders started before the pure-core rewrite (type `orderWorkflow`) finish on the old code;
// new orders start as `orderWorkflowV2` (domain/orders/contract.ts, ORDER_WORKFLOW_TYPE).
export { orderWorkflow } from './legacy/order-v1/order.ts';
export { orderWorkflowV2 } from './order.ts';
export { consultationWorkflow } from './consultation.ts';
export { paymentsReconciliationWorkflow } from './payments-reconciliation.ts';
export { questionWorkflow } from './question.ts';
