import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import {
  acceptOrder,
  agreeToProposal,
  answerLanguage,
  assignLawyer,
  cancelOrder,
  checkout,
  correctPageCount,
  deliver,
  endCall,
  extendDeadline,
  orderState,
  paymentSettled,
  proposeExtension,
  proposeReschedule,
  recordExtraItem,
  refuseOrder,
  reportClientNoShow,
  requestCallExtension,
  requestClarification,
  requestLanguage,
  startCall,
  supplyClarification,
  type Checkout,
} from '../domain/orders/contract.ts';
import { refusal, type OrderCommand } from '../domain/orders/core/index.ts';
import type { OrderOutcome, OrderState } from '../domain/orders/model.ts';
import type { OrderLoop } from './order-loop.ts';

// The order's messages (domain/orders/contract.ts) wired to the core. Each update's validator
// asks the core synchronously whether the command applies now (a refused command never enters
// history); the handler applies it and answers with the state, or waits until the main loop
// has run the effect its answer depends on (a checkout URL, the settled amounts).

type CommandArg<T extends OrderCommand['type']> = Omit<Extract<OrderCommand, { type: T }>, 'type'>;

function onCommand<T extends OrderCommand['type'], Ret>(
  loop: OrderLoop,
  def: UpdateDefinition<Ret, [CommandArg<T>]>,
  type: T,
  answer: () => Ret | Promise<Ret>,
): void {
  const command = (arg: CommandArg<T>) => ({ type, ...arg }) as OrderCommand;
  setHandler(
    def,
    (arg: CommandArg<T>) => {
      loop.apply(command(arg));
      return answer();
    },
    {
      validator: (arg: CommandArg<T>) => {
        const refused = refusal(loop.state, command(arg), Date.now());
        if (refused) throw ApplicationFailure.create({ type: refused.code, message: refused.message, nonRetryable: true });
      },
    },
  );
}

export function handleOrderMessages(loop: OrderLoop): void {
  setHandler(orderState, () => loop.state);
  setHandler(paymentSettled, (outcome) => void loop.apply({ type: 'paymentSettled', ...outcome }));
  setHandler(checkout, () => orderCheckout(loop));

  const state = (): OrderState => loop.state;
  onCommand(loop, assignLawyer, 'assignLawyer', state);
  onCommand(loop, acceptOrder, 'acceptOrder', state);
  onCommand(loop, deliver, 'deliver', state);
  onCommand(loop, requestClarification, 'requestClarification', state);
  onCommand(loop, supplyClarification, 'supplyClarification', state);
  onCommand(loop, extendDeadline, 'extendDeadline', state);
  onCommand(loop, proposeExtension, 'proposeExtension', state);
  onCommand(loop, proposeReschedule, 'proposeReschedule', state);
  onCommand(loop, agreeToProposal, 'agreeToProposal', state);
  onCommand(loop, startCall, 'startCall', state);
  onCommand(loop, endCall, 'endCall', state);
  onCommand(loop, reportClientNoShow, 'reportClientNoShow', state);
  onCommand(loop, recordExtraItem, 'recordExtraItem', state);
  onCommand(loop, requestLanguage, 'requestLanguage', state);
  onCommand(loop, answerLanguage, 'answerLanguage', state);

  const settledOutcome = async (): Promise<OrderOutcome> => {
    await condition(() => loop.settled);
    return loop.state.outcome!;
  };
  onCommand(loop, cancelOrder, 'cancelOrder', settledOutcome);
  onCommand(loop, refuseOrder, 'refuseOrder', settledOutcome);

  // EL-ORAL-3 and EL-DOC-3 open a new payment; the answer is where to pay it.
  const newestCheckout = () => chargeCheckout(loop, loop.state.charges.at(-1)!.key);
  onCommand(loop, requestCallExtension, 'requestCallExtension', newestCheckout);
  onCommand(loop, correctPageCount, 'correctPageCount', newestCheckout);
}

/** Where to pay the order's price; it may be asked with the start, before the payment is opened. */
async function orderCheckout(loop: OrderLoop): Promise<Checkout> {
  const charge = () => loop.state.charges.find((c) => c.purpose === 'order');
  await condition(() => charge()?.checkoutUrl != null || loop.state.outcome !== null);
  const opened = charge();
  if (!opened?.checkoutUrl) {
    throw ApplicationFailure.create({
      type: 'ORDER_CLOSED',
      message: `The order is ${loop.state.status.replace(/_/g, ' ')}.`,
      nonRetryable: true,
    });
  }
  return { paymentId: opened.paymentId!, checkoutUrl: opened.checkoutUrl };
}

async function chargeCheckout(loop: OrderLoop, key: string): Promise<Checkout> {
  const charge = () => loop.state.charges.find((c) => c.key === key)!;
  await condition(() => charge().checkoutUrl !== null);
  return { paymentId: charge().paymentId!, checkoutUrl: charge().checkoutUrl! };
}
