import { proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import {
  questionTags,
  QuestionNextDeadlineAttribute,
  QuestionTagsAttribute,
  type QuestionActivities,
  type QuestionState,
} from '../domain/questions/contract.ts';
import { decide, operatorDeadline, type QuestionEffect, type QuestionStimulus, type Transition } from '../domain/questions/core/index.ts';
import type { EscrowEffect } from '../domain/earnings.ts';
import { QUESTION_ACTIVITY } from './activity-options.ts';
import { EscrowLoop } from './escrow-loop.ts';

// The Temporal side of one question run: it applies the pure core (domain/questions/core) to
// every command, timer and payment, queues the effects the core asks for, runs them as
// activities in order, feeds their results back to the core, and publishes the state (mirror +
// search attributes). Handlers only call `apply`; the main loop (question.ts) calls `drain`.

const activities = proxyActivities<QuestionActivities>(QUESTION_ACTIVITY);

export class QuestionLoop extends EscrowLoop<QuestionState, QuestionStimulus, QuestionEffect> {
  protected readonly money = activities;
  private lastAttributes = '';

  constructor(first: Transition) {
    super(first, decide, 'question event');
  }

  /** The question's own effects: notices and escalations. */
  protected async runOwn(effect: Exclude<QuestionEffect, EscrowEffect>): Promise<void> {
    const { questionId, clientId } = this.state;
    switch (effect.kind) {
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
