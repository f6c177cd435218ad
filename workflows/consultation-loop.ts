import { ActivityFailure, ApplicationFailure, proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import {
  consultationParties,
  ConsultationNextDeadlineAttribute,
  ConsultationOpenComplaintAttribute,
  ConsultationPartiesAttribute,
  ConsultationStatusAttribute,
  type ConsultationActivities,
  type ConsultationState,
} from '../domain/consultations/contract.ts';
import {
  complaintOpen,
  decide,
  operatorDeadline,
  type ConsultationEffect,
  type ConsultationStimulus,
  type Transition,
} from '../domain/consultations/core/index.ts';
import { CONSULTATION_ACTIVITY } from './activity-options.ts';
import { CoreLoop } from './core-loop.ts';
import { holdPaid, openCheckout } from './money-effects.ts';

// The Temporal side of one consultation run: it applies the pure core
// (domain/consultations/core) to every command, timer, payment and flag, queues the effects the
// core asks for, runs them as activities in order, feeds their results back to the core, and
// publishes the state (mirror + search attributes). Handlers only call `apply`; the main loop
// (consultation.ts) calls `drain`.

const activities = proxyActivities<ConsultationActivities>(CONSULTATION_ACTIVITY);

export class ConsultationLoop extends CoreLoop<ConsultationState, ConsultationStimulus, ConsultationEffect> {
  private lastAttributes = '';

  constructor(first: Transition) {
    super(first, decide, 'consultation event');
  }

  /** Runs queued effects until none is left, then publishes. */
  async drain(): Promise<void> {
    while (!this.idle) {
      for (let effect = this.queue.shift(); effect; effect = this.queue.shift()) await this.run(effect);
      await this.publish();
    }
  }

  private async run(effect: ConsultationEffect): Promise<void> {
    const { state } = this;
    switch (effect.kind) {
      case 'openPayment': {
        const { paymentId, checkoutUrl } = await openCheckout(activities, state, effect);
        this.apply({ type: 'paymentOpened', paymentKey: effect.paymentKey, paymentId, checkoutUrl });
        return;
      }
      case 'hold': {
        const { holdId } = await holdPaid(activities, state, { ...effect, holdKey: `${effect.paymentKey}/hold` });
        this.apply({ type: 'holdPlaced', paymentKey: effect.paymentKey, holdId });
        return;
      }
      case 'reverseSettlement':
        return this.reverse(effect);
      default:
        return this.runFireAndForget(effect);
    }
  }

  /**
   * CHAT-5: a refund taken back from the settlement. A refusal for good (the specialist's balance
   * no longer covers it) must not fail the consultation: the core keeps the earning blocked and
   * escalates to the administration.
   */
  private async reverse(effect: Extract<ConsultationEffect, { kind: 'reverseSettlement' }>): Promise<void> {
    const { kind: _, ...reversal } = effect;
    try {
      await activities.reverseSettlement(reversal);
    } catch (error) {
      if (!(error instanceof ActivityFailure && error.cause instanceof ApplicationFailure)) throw error;
      this.apply({ type: 'reversalRefused', holdId: effect.holdId, code: error.cause.type ?? 'UNKNOWN', message: error.cause.message });
      return;
    }
    this.apply({ type: 'settlementReversed', holdId: effect.holdId });
  }

  /** Effects whose result the core does not need. */
  private async runFireAndForget(effect: ConsultationEffect): Promise<void> {
    const { consultationId, conversationId, clientId, specialistId } = this.state;
    switch (effect.kind) {
      case 'settleHold': {
        const { kind: _, ...settlement } = effect;
        await activities.settleHold(settlement);
        return;
      }
      case 'blockEarning': {
        const { kind: _, ...block } = effect;
        await activities.blockEarning(block);
        return;
      }
      case 'unblockEarning': {
        const { kind: _, ...unblock } = effect;
        await activities.unblockEarning(unblock);
        return;
      }
      case 'refundPayment': {
        const { kind: _, ...refund } = effect;
        await activities.refundPayment(refund);
        return;
      }
      case 'postSystemMessage': {
        const { kind: _, ...message } = effect;
        await activities.postSystemMessage({ conversationId, consultationId, ...message });
        return;
      }
      case 'notify': {
        const { kind: _, ...notice } = effect;
        await activities.notifyConsultation({ consultationId, conversationId, clientId, specialistId, ...notice });
        return;
      }
      case 'flagForReview': {
        const { kind: _, ...flag } = effect;
        await activities.flagForReview({ consultationId, conversationId, ...flag });
        return;
      }
      case 'escalate': {
        const { kind: _, ...escalation } = effect;
        await activities.escalate({ consultationId, ...escalation });
        return;
      }
    }
  }

  /** The API's lists read the mirror; operators search by the attributes (ids, statuses, instants only). */
  async publish(): Promise<void> {
    const { state } = this;
    const version = this.version;
    const nextDeadline = operatorDeadline(state);
    const openComplaint = complaintOpen(state);
    const attributes = JSON.stringify([state.status, nextDeadline, openComplaint]);
    if (attributes !== this.lastAttributes) {
      upsertSearchAttributes([
        { key: ConsultationPartiesAttribute, value: consultationParties(state.clientId, state.specialistId) },
        { key: ConsultationStatusAttribute, value: [state.status] },
        { key: ConsultationNextDeadlineAttribute, value: nextDeadline === null ? null : new Date(nextDeadline) },
        { key: ConsultationOpenComplaintAttribute, value: openComplaint },
      ]);
      this.lastAttributes = attributes;
    }
    await activities.mirrorConsultation(state);
    this.publishedVersion = version;
  }
}
