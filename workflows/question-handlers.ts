import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import {
  acceptNewDate,
  cancelRound,
  chooseBid,
  complain,
  declineBids,
  declineExtraDrawings,
  decideComplaint,
  deleteQuestion,
  editBid,
  orderExtraDrawings,
  paymentSettled,
  placeBid,
  proposeExtraDrawings,
  proposeNewDate,
  publishAnswer,
  publishQuestion,
  questionState,
  rejectNewDate,
  requestClarification,
  returnQuestion,
  supplyClarification,
  withdrawBid,
  type QuestionState,
} from '../domain/questions/contract.ts';
import { refusal, type QuestionCommand } from '../domain/questions/core/index.ts';
import type { QuestionLoop } from './question-loop.ts';
import { setUpdateHandler } from './update-handler.ts';

// The question's messages (domain/questions/contract.ts) wired to the core. Each update's
// validator asks the core synchronously whether the command applies now (a refused command never
// enters history); the handler applies it and answers with the new state.

type CommandArg<T extends QuestionCommand['type']> = Omit<Extract<QuestionCommand, { type: T }>, 'type'>;

function onCommand<T extends QuestionCommand['type']>(
  loop: QuestionLoop,
  def: UpdateDefinition<QuestionState, [CommandArg<T>]>,
  type: T,
): void {
  const command = (arg: CommandArg<T>) => ({ type, ...arg }) as QuestionCommand;
  setUpdateHandler(def, (arg) => loop.apply(command(arg)), {
    validator: (arg) => {
      const refused = refusal(loop.state, command(arg), Date.now());
      if (refused) throw ApplicationFailure.create({ type: refused.code, message: refused.message, nonRetryable: true });
    },
  });
}

export function handleQuestionMessages(loop: QuestionLoop): void {
  setHandler(questionState, () => loop.state);
  setHandler(paymentSettled, (outcome) => void loop.apply({ type: 'paymentSettled', ...outcome }));

  onCommand(loop, publishQuestion, 'publishQuestion');
  onCommand(loop, deleteQuestion, 'deleteQuestion');
  onCommand(loop, returnQuestion, 'returnQuestion');
  onCommand(loop, requestClarification, 'requestClarification');
  onCommand(loop, supplyClarification, 'supplyClarification');
  onCommand(loop, placeBid, 'placeBid');
  onCommand(loop, editBid, 'editBid');
  onCommand(loop, withdrawBid, 'withdrawBid');
  onCommand(loop, chooseBid, 'chooseBid');
  onCommand(loop, declineBids, 'declineBids');
  onCommand(loop, proposeNewDate, 'proposeNewDate');
  onCommand(loop, acceptNewDate, 'acceptNewDate');
  onCommand(loop, rejectNewDate, 'rejectNewDate');
  onCommand(loop, cancelRound, 'cancelRound');
  onCommand(loop, publishAnswer, 'publishAnswer');
  onCommand(loop, proposeExtraDrawings, 'proposeExtraDrawings');
  onCommand(loop, orderExtraDrawings, 'orderExtraDrawings');
  onCommand(loop, declineExtraDrawings, 'declineExtraDrawings');
  onCommand(loop, complain, 'complain');
  onCommand(loop, decideComplaint, 'decideComplaint');
}
