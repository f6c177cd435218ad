import { ActivityFailure, ApplicationFailure, proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import {
  OrderClientIdAttribute,
  OrderIdAttribute,
  OrderKindAttribute,
  OrderLawyerIdAttribute,
  OrderNextDeadlineAttribute,
  OrderStatusAttribute,
  type OrderActivities,
  type OrderInput,
} from '../domain/orders/contract.ts';
import {
  decide,
  holdsPending,
  isFinal,
  needsSettlement,
  operatorDeadline,
  type OrderEffect,
  type OrderStimulus,
  type Transition,
} from '../domain/orders/core/index.ts';
import type { OrderState } from '../domain/orders/model.ts';
import { ORDER_ACTIVITY } from './activity-options.ts';
import { CoreLoop } from './core-loop.ts';
import { holdPaid, openCheckout } from './money-effects.ts';

// The Temporal side of one order run: it applies the pure core (domain/orders/core) to every
// command, timer and payment, queues the effects the core asks for, runs them as activities in
// order, feeds their results back to the core, and publishes the state (mirror + search
// attributes). Handlers only call `apply`; the main loop (order.ts) calls `drain`.

const activities = proxyActivities<OrderActivities>(ORDER_ACTIVITY);

export class OrderLoop extends CoreLoop<OrderState, OrderStimulus, OrderEffect> {
  /** Every hold of the ended order is resolved; cancel/refuse answer with the amounts then. */
  settled = false;
  /** EL-SUB-1: the core asked to carry the state into a fresh run. */
  handover = false;
  private lastAttributes = '';

  constructor(
    private readonly input: OrderInput,
    first: Transition,
  ) {
    super(first, decide, 'order event');
  }

  /** Runs queued effects until none is left, settles an ended order's holds, then publishes. */
  async drain(): Promise<void> {
    while (!this.idle) {
      for (let effect = this.queue.shift(); effect; effect = this.queue.shift()) await this.run(effect);
      // PAY-2: resolved exactly once, after every hold of the order was placed.
      if (needsSettlement(this.state) && !holdsPending(this.state)) {
        this.apply({ type: 'settle' });
        continue;
      }
      await this.publish();
    }
    if (isFinal(this.state.status) && !needsSettlement(this.state)) this.settled = true;
  }

  private async run(effect: OrderEffect): Promise<void> {
    const { state } = this;
    switch (effect.kind) {
      case 'openPayment': {
        const { paymentId, checkoutUrl } = await openCheckout(activities, state, { ...effect, paymentKey: `${effect.chargeKey}/payment` });
        this.apply({ type: 'paymentOpened', chargeKey: effect.chargeKey, paymentId, checkoutUrl });
        return;
      }
      case 'hold': {
        const { holdId } = await holdPaid(activities, state, { ...effect, holdKey: `${effect.chargeKey}/hold` });
        this.apply({ type: 'holdPlaced', chargeKey: effect.chargeKey, holdId });
        return;
      }
      case 'generateContract': {
        // Orders of this kind always carry their template (checked when placed).
        if (!this.input.contract) return;
        const { fileId } = await activities.generateContract({ orderId: state.orderId, clientId: state.clientId, ...this.input.contract });
        this.apply({ type: 'contractGenerated', fileId });
        return;
      }
      default:
        return this.runFireAndForget(effect);
    }
  }

  /** Effects whose result the core does not need. */
  private async runFireAndForget(effect: OrderEffect): Promise<void> {
    const { state } = this;
    switch (effect.kind) {
      case 'notify': {
        const { kind: _, ...notice } = effect;
        await activities.notifyOrder({ orderId: state.orderId, clientId: state.clientId, lawyerId: state.lawyerId, ...notice });
        return;
      }
      case 'settleHold': {
        const { kind: _, ...settlement } = effect;
        await activities.settleHold(settlement);
        return;
      }
      case 'releaseHold':
        await activities.releaseHold({ holdId: effect.holdId });
        return;
      case 'refundPayment': {
        const { kind: _, ...refund } = effect;
        try {
          await activities.refundPayment(refund);
        } catch (error) {
          // PAY-6: a refund refused for good (e.g. REFUND_WINDOW_CLOSED, 30 days after payment)
          // must not fail the order: the money is already back on the client's balance, and
          // the administration is told to return it another way.
          if (!(error instanceof ActivityFailure && error.cause instanceof ApplicationFailure)) throw error;
          await activities.notifyOrder({
            orderId: state.orderId,
            clientId: state.clientId,
            lawyerId: state.lawyerId,
            dedupeKey: `${workflowInfo().workflowId}/refund-refused/${refund.refundKey}`,
            audience: ['client', 'admins'],
            subject: `Refund to the card not possible: ${state.title}`,
            body: `${refund.amount} (minor units) stays on the client's balance: ${error.cause.message}`,
          });
        }
        return;
      }
      case 'startNextPeriod':
        this.handover = true;
    }
  }

  /** The API's lists read the mirror; operators search by the attributes (ids and statuses only). */
  async publish(): Promise<void> {
    const { state } = this;
    const version = this.version;
    const nextDeadline = operatorDeadline(state);
    const attributes = JSON.stringify([state.status, state.lawyerId, nextDeadline]);
    if (attributes !== this.lastAttributes) {
      upsertSearchAttributes([
        { key: OrderIdAttribute, value: state.orderId },
        { key: OrderClientIdAttribute, value: state.clientId },
        { key: OrderLawyerIdAttribute, value: state.lawyerId },
        { key: OrderKindAttribute, value: state.kind },
        { key: OrderStatusAttribute, value: state.status },
        { key: OrderNextDeadlineAttribute, value: nextDeadline === null ? null : new Date(nextDeadline) },
      ]);
      this.lastAttributes = attributes;
    }
    await activities.mirrorOrder(state);
    this.publishedVersion = version;
  }
}
