import { finish, type Step } from './step.ts';

// EL-CON-1 (§2 "Create a contract"): the client fills a standard template and the contract is
// generated automatically. Registration (registration.ts) asks for the generation; the file is
// the delivered result (EL-DONE-1). The template and fields were validated when the order was
// placed (contract-templates.ts) and travel in the workflow input, not in the mirrored state.

/** The generated contract is the result, unless the client cancelled while it was being made. */
export function contractGenerated(step: Step, fileId: string): void {
  if (step.state.outcome) return; // the cancellation stands
  step.state.deliverables.push({ fileId, deliveredAt: step.now, note: 'generated from the template', period: null });
  finish(step, 'delivered', 0, null);
}
