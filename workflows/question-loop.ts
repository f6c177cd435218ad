import { ActivityFailure, ApplicationFailure, proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import {
  questionTags,
  QuestionNextDeadlineAttribute,
  QuestionTagsAttribute,
  type QuestionActivities,
  type QuestionState,
} from '../domain/questions/contract.ts';
import { decide, operatorDeadline, type QuestionEffect, type QuestionStimulus, type Transition } from '../domain/questions/core/index.ts';
import { QUESTION_ACTIVITY } from './activity-options.ts';
import { CoreLoop } from './core-loop.ts';
import { holdPaid, openCheckout } from './money-effects.ts';

// The Temporal side of one question run: it applies the pure core (domain/questions/core) to
// every command, timer and payment, queues the effects the core asks for, runs them as
// activities in order, feeds their results back to the core, and publishes the state (mirror +
// search attributes). Handlers only call `apply`; the main loop (question.ts) calls `drain`.

const activities = proxyActivities<QuestionActivities>(QUESTION_ACTIVITY);

export class QuestionLoop extends CoreLoop<QuestionState, QuestionStimulus, QuestionEffect> {
  private lastAttributes = '';

  constructor(first: Transition) {
    super(first, decide, 'question event');
  }

  /** Runs queued effects until none is left, then publishes. */
  async drain(): Promise<void> {
    while (!this.idle) {
      for (let effect = this.queue.shift(); effect; effect = this.queue.shift()) await this.run(effect);
      await this.publish();
    }
  }

  private async run(effect: QuestionEffect): Promise<void> {
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

  /** QA-9: a refund taken back from the settlement; refused for good, the core keeps the earning blocked and escalates. */
  private async reverse(effect: Extract<QuestionEffect, { kind: 'reverseSettlement' }>): Promise<void> {
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
  private async runFireAndForget(effect: QuestionEffect): Promise<void> {
    const { questionId, clientId } = this.state;
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
      case 'notify': {
        const { kind: _, ...notice } = effect;
        await activities.notifyQuestion({ questionId, clientId, ...notice });
        return;
      }
      case 'escalate': {
        const { kind: _, ...escalation } = effect;
        await activities.escalateQuestion({ questionId, ...escalation });
        return;
      }
    }
  }

  /** The API's lists read the mirror; operators search by the attributes (ids, statuses, instants only). */
  async publish(): Promise<void> {
    const { state } = this;
    const version = this.version;
    const tags = questionTags(state);
    const nextDeadline = operatorDeadline(state);
    const attributes = JSON.stringify([tags, nextDeadline]);
    if (attributes !== this.lastAttributes) {
      upsertSearchAttributes([
        { key: QuestionTagsAttribute, value: tags },
        { key: QuestionNextDeadlineAttribute, value: nextDeadline === null ? null : new Date(nextDeadline) },
      ]);
      this.lastAttributes = attributes;
    }
    await activities.mirrorQuestion(state);
    this.publishedVersion = version;
  }
}
