// Test-only workflows of the money tests, bundled for their own worker.
export { moneySteps } from './money-steps.ts';
export { paymentListener } from './payment-listener.ts';
