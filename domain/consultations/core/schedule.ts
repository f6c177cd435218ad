import type { ConsultationState } from '../contract.ts';
import { openOffer } from './offers.ts';
import { lateGraceEnd } from './payment.ts';
import { autoCompleteAt } from './session.ts';
import { isFinal } from './step.ts';
import type { DueTimer } from './types.ts';

// Which timer the consultation waits for next: a pure function of the state, recomputed after
// every transition instead of keeping timers. Offer expiry (CHAT-2), the payment window
// (CHAT-3), the agreed end and the auto-completion (CHAT-4), the complaint window and the
// arbitration deadline (CHAT-5), the idle close, and the late-payment grace of a closed one.

function workTimers(state: ConsultationState): DueTimer[] {
  const { settings, session, complaint } = state;
  switch (state.status) {
    case 'negotiating': {
      const offer = openOffer(state);
      return offer
        ? [{ at: offer.expiresAt, event: 'offer_expired' }]
        : [{ at: state.lastActivityAt + settings.idleCloseMs, event: 'idle_close' }];
    }
    case 'awaiting_payment': {
      const payment = state.payments.find((p) => p.status === 'awaiting_payment');
      return payment ? [{ at: payment.expiresAt, event: 'payment_window_closed' }] : [];
    }
    case 'in_session':
      return [
        ...(session!.timeUpAt === null ? [{ at: session!.endsAt, event: 'session_time_up' as const }] : []),
        { at: autoCompleteAt(session!, settings.autoCompleteAfterMs), event: 'auto_complete' },
      ];
    case 'ended':
      return [{ at: state.complaintDeadline!, event: 'complaint_window_closed' }];
    case 'in_complaint':
      return complaint!.escalatedAt === null ? [{ at: complaint!.decideBy, event: 'arbitration_overdue' }] : [];
    default:
      return [];
  }
}

/** The earliest timer the consultation waits for, or null when only a command or payment can move it. */
export function nextTimer(state: ConsultationState): DueTimer | null {
  if (isFinal(state.status)) {
    const graceEnd = lateGraceEnd(state);
    return graceEnd > (state.closedAt ?? 0) ? { at: graceEnd, event: 'late_payment_grace_over' } : null;
  }
  return workTimers(state).reduce<DueTimer | null>((first, t) => (first === null || t.at < first.at ? t : first), null);
}

/** What an operator sorts by (search attribute ConsultationNextDeadline): the next business deadline. */
export const operatorDeadline = (state: ConsultationState): number | null =>
  isFinal(state.status) ? null : (nextTimer(state)?.at ?? null);

/** Search attribute ConsultationOpenComplaint. */
export const complaintOpen = (state: ConsultationState): boolean => state.status === 'in_complaint';
