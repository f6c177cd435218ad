import { proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
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
import type { EscrowEffect } from '../domain/earnings.ts';
import { CONSULTATION_ACTIVITY } from './activity-options.ts';
import { EscrowLoop } from './escrow-loop.ts';

// The Temporal side of one consultation run: it applies the pure core
// (domain/consultations/core) to every command, timer, payment and flag, queues the effects the
// core asks for, runs them as activities in order, feeds their results back to the core, and
// publishes the state (mirror + search attributes). Handlers only call `apply`; the main loop
// (consultation.ts) calls `drain`.

const activities = proxyActivities<ConsultationActivities>(CONSULTATION_ACTIVITY);

export class ConsultationLoop extends EscrowLoop<ConsultationState, ConsultationStimulus, ConsultationEffect> {
  protected readonly money = activities;
  private lastAttributes = '';

  constructor(first: Transition) {
    super(first, decide, 'consultation event');
  }

  /** The consultation's own effects: system messages, notices, flags and escalations (CHAT-3…CHAT-6). */
  protected async runOwn(effect: Exclude<ConsultationEffect, EscrowEffect>): Promise<void> {
    const { consultationId, conversationId, clientId, specialistId } = this.state;
    switch (effect.kind) {
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
