// Every workflow the worker runs. Workflow code is bundled into Temporal's deterministic
// sandbox: import only workflow-safe modules here (no Node built-ins, no I/O).
export { verificationWorkflow } from './verification.ts';
export { emailDeliveryWorkflow } from './email-delivery.ts';
export { orderWorkflow } from './order.ts';
