import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import {
  acceptOffer,
  complain,
  consultationState,
  counterOffer,
  decideComplaint,
  declineOffer,
  endConsultation,
  makeOffer,
  messageFlagged,
  paymentSettled,
  type ConsultationState,
} from '../domain/consultations/contract.ts';
import { refusal, type ConsultationCommand } from '../domain/consultations/core/index.ts';
import type { ConsultationLoop } from './consultation-loop.ts';
import { setUpdateHandler } from './update-handler.ts';

// The consultation's messages (domain/consultations/contract.ts) wired to the core. Each
// update's validator asks the core synchronously whether the command applies now (a refused
// command never enters history); the handler applies it and answers with the new state.

type CommandArg<T extends ConsultationCommand['type']> = Omit<Extract<ConsultationCommand, { type: T }>, 'type'>;

function onCommand<T extends ConsultationCommand['type']>(
  loop: ConsultationLoop,
  def: UpdateDefinition<ConsultationState, [CommandArg<T>]>,
  type: T,
): void {
  const command = (arg: CommandArg<T>) => ({ type, ...arg }) as ConsultationCommand;
  setUpdateHandler(def, (arg) => loop.apply(command(arg)), {
    validator: (arg) => {
      const refused = refusal(loop.state, command(arg), Date.now());
      if (refused) throw ApplicationFailure.create({ type: refused.code, message: refused.message, nonRetryable: true });
    },
  });
}

export function handleConsultationMessages(loop: ConsultationLoop): void {
  setHandler(consultationState, () => loop.state);
  setHandler(paymentSettled, (outcome) => void loop.apply({ type: 'paymentSettled', ...outcome }));
  setHandler(messageFlagged, (flag) => void loop.apply({ type: 'messageFlagged', ...flag }));

  onCommand(loop, makeOffer, 'makeOffer');
  onCommand(loop, acceptOffer, 'acceptOffer');
  onCommand(loop, declineOffer, 'declineOffer');
  onCommand(loop, counterOffer, 'counterOffer');
  onCommand(loop, endConsultation, 'endConsultation');
  onCommand(loop, complain, 'complain');
  onCommand(loop, decideComplaint, 'decideComplaint');
}
