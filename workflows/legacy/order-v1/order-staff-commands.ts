import { setUpdateHandler } from '../../update-handler.ts';
import { oralRescheduleProblem, ORAL_CALL_MS, ORAL_CLIENT_GRACE_MS } from '../../../domain/orders/deadlines.ts';
import { DOCUMENT_KINDS } from '../../../domain/orders/model.ts';
import { PLATFORM_REFUSAL_REFUND_BPS } from '../../../domain/orders/refund-policy.ts';
import {
  acceptOrder,
  assignLawyer,
  deliver,
  endCall,
  extendDeadline,
  proposeExtension,
  proposeReschedule,
  recordExtraItem,
  refuseOrder,
  reportClientNoShow,
  requestClarification,
  startCall,
} from '../../../domain/orders/contract.ts';
import { refuse, requireAdmin, requireKind, requireLawyer, requireOpen, requireStatus, requireVisible } from './order-guards.ts';
import type { OrderRun } from './order-run.ts';

/** A lawyer may open the call this long before the slot. */
const CALL_OPENS_BEFORE_SLOT_MS = 15 * 60_000;

// Commands from lawyers and administrators (EL-ORD-3, EL-WR-2, EL-DOC-1, EL-ORAL-2/3, EL-REF-3, EL-CRT-1).
export function handleStaffCommands(run: OrderRun): void {
  const { state } = run;
  const paid = () => state.registeredAt !== null;

  const takeOrder = (lawyerId: string) => {
    state.lawyerId = lawyerId;
    if (state.status === 'awaiting_lawyer') run.setStatus(state.kind === 'subscription' ? 'active' : 'in_progress');
    else run.touch();
    run.notify({ key: `assigned-${lawyerId}`, audience: ['lawyer'], subject: 'An order was assigned to you', body: state.title });
    return state;
  };
  setUpdateHandler(assignLawyer, ({ lawyerId }) => takeOrder(lawyerId), {
    validator: ({ by }) => {
      requireAdmin(by);
      requireOpen(state);
      if (!paid()) refuse('ORDER_STATE_CONFLICT', 'The order is not paid yet (EL-ORD-2).');
    },
  });
  setUpdateHandler(acceptOrder, ({ by }) => takeOrder(by.userId), {
    validator: ({ by }) => {
      if (by.role !== 'specialist') refuse('FORBIDDEN', 'Only lawyers take orders from the queue.');
      // Taken by another lawyer, the order has left this one's queue: 404, as once the mirror shows it.
      requireVisible(state, by);
      requireStatus(state, 'awaiting_lawyer');
    },
  });

  setUpdateHandler(
    refuseOrder,
    async ({ reason }) => {
      run.finish('refused', paid() ? PLATFORM_REFUSAL_REFUND_BPS : 0, reason);
      return run.settledOutcome();
    },
    {
      validator: ({ by, reason }) => {
        requireAdmin(by);
        requireOpen(state);
        if (state.deliverables.length > 0 && state.kind !== 'subscription') refuse('ORDER_ALREADY_DELIVERED', 'The service was delivered.');
        if (reason.trim().length < 3) refuse('VALIDATION_FAILED', 'Give the reason for the refusal (§10.4).');
      },
    },
  );

  setUpdateHandler(
    deliver,
    ({ fileId, note }) => {
      const now = Date.now();
      const period = state.subscription ? state.subscription.currentPeriod : null;
      state.deliverables.push({ fileId, deliveredAt: now, note: note ?? null, period });
      // EL-DONE-1: the written result is in the client's cabinet; a subscription runs on (EL-SUB-1).
      if (state.kind === 'subscription') run.touch();
      else run.finish('delivered', 0, null);
      run.notify({ key: `delivered-${fileId}`, audience: ['client'], subject: 'Your result is in your cabinet', body: state.title });
      return state;
    },
    {
      validator: ({ by }) => {
        requireLawyer(state, by);
        requireStatus(state, 'in_progress', 'awaiting_clarification', 'active');
        requireKind(
          state,
          'EL-DONE-1',
          'written_advice',
          'document_review',
          'document_preparation',
          'translation',
          'court_application',
          'subscription',
        );
        const period = state.subscription?.currentPeriod;
        if (period !== undefined && state.deliverables.some((d) => d.period === period)) {
          refuse('ORDER_STATE_CONFLICT', 'This period was already delivered (EL-SUB-1).');
        }
      },
    },
  );

  setUpdateHandler(
    requestClarification,
    ({ question }) => {
      state.clarificationRequest = question;
      run.setStatus('awaiting_clarification');
      run.notify({ key: `clarify-${Date.now()}`, audience: ['client'], subject: 'Your lawyer asks for clarification', body: question });
      return state;
    },
    {
      validator: ({ by }) => {
        requireLawyer(state, by);
        requireStatus(state, 'in_progress');
      },
    },
  );

  setUpdateHandler(
    extendDeadline,
    ({ reason }) => {
      state.extensionReason = reason;
      state.warnedForDueAt = null;
      run.touch();
      run.notify({ key: 'extended', audience: ['client'], subject: 'The deadline of your order was extended by 4 days', body: reason });
      return state;
    },
    {
      validator: ({ by, reason }) => {
        requireLawyer(state, by);
        requireKind(state, 'EL-WR-2', 'written_advice');
        requireStatus(state, 'in_progress', 'awaiting_clarification');
        if (state.extensionReason !== null) refuse('ORDER_EXTENSION_USED', 'The 4-day extension was already used (EL-WR-2).');
        if (reason.trim().length < 3) refuse('VALIDATION_FAILED', 'Give the reason for the extension (EL-WR-2).');
      },
    },
  );

  setUpdateHandler(
    proposeExtension,
    ({ days, reason }) => {
      state.proposedExtraDays = days;
      run.notify({ key: `extension-${Date.now()}`, audience: ['client'], subject: `Your lawyer asks for ${days} more days`, body: reason });
      return state;
    },
    {
      validator: ({ by, days }) => {
        requireLawyer(state, by);
        if (!DOCUMENT_KINDS.includes(state.kind)) refuse('ORDER_STATE_CONFLICT', 'Only document work is extended by agreement (EL-DOC-1).');
        requireStatus(state, 'in_progress', 'awaiting_clarification');
        if (!Number.isInteger(days) || days < 1 || days > 30) refuse('VALIDATION_FAILED', 'Propose 1 to 30 extra days.');
      },
    },
  );

  setUpdateHandler(
    proposeReschedule,
    ({ slotAt }) => {
      state.oral!.proposedSlotAt = slotAt;
      run.notify({
        key: `reschedule-${slotAt}`,
        audience: ['client'],
        subject: 'Your lawyer proposes another time',
        body: new Date(slotAt).toISOString(),
      });
      return state;
    },
    {
      validator: ({ by, slotAt }) => {
        requireLawyer(state, by);
        requireKind(state, 'EL-ORAL-2', 'oral_advice');
        requireStatus(state, 'in_progress');
        const problem = oralRescheduleProblem(state.oral!.bookedSlotAt, slotAt, Date.now());
        if (problem) refuse('ORDER_RESCHEDULE_NOT_ALLOWED', problem);
      },
    },
  );

  handleCallCommands(run);

  setUpdateHandler(
    recordExtraItem,
    ({ item }) => {
      state.extras.push({ ...item, agreedAt: Date.now() });
      run.touch();
      return state;
    },
    {
      validator: ({ by, item }) => {
        requireLawyer(state, by, true);
        requireKind(state, 'EL-CRT-1', 'court_application');
        requireOpen(state);
        if (!Number.isSafeInteger(item.amount) || item.amount < 0)
          refuse('VALIDATION_FAILED', 'The amount is a non-negative integer in minor units.');
      },
    },
  );
}

// EL-ORAL-3: the lawyer opens and closes the call; the workflow cuts it when the time is up.
function handleCallCommands(run: OrderRun): void {
  const { state } = run;
  const oralValidator = (by: Parameters<typeof requireLawyer>[1]) => {
    requireLawyer(state, by);
    requireKind(state, 'EL-ORAL-3', 'oral_advice');
  };

  setUpdateHandler(
    startCall,
    () => {
      const oral = state.oral!;
      oral.callStartedAt = Date.now();
      oral.callEndsAt = oral.callStartedAt + ORAL_CALL_MS * (1 + oral.paidExtensions);
      run.setStatus('call_in_progress');
      return state;
    },
    {
      validator: ({ by }) => {
        oralValidator(by);
        requireStatus(state, 'in_progress');
        if (Date.now() < state.oral!.slotAt - CALL_OPENS_BEFORE_SLOT_MS) {
          refuse('ORDER_CALL_TOO_EARLY', 'The call opens 15 minutes before the booked time.');
        }
      },
    },
  );

  setUpdateHandler(
    endCall,
    () => {
      state.oral!.callEndedAt = Date.now();
      run.finish('delivered', 0, null);
      return state;
    },
    { validator: ({ by }) => (oralValidator(by), requireStatus(state, 'call_in_progress')) },
  );

  setUpdateHandler(
    reportClientNoShow,
    () => {
      // Our reading: the lawyer kept the appointment, so the service counts as given.
      state.oral!.noShow = 'client';
      run.finish('delivered', 0, 'the client did not come to the call');
      return state;
    },
    {
      validator: ({ by }) => {
        oralValidator(by);
        requireStatus(state, 'in_progress');
        if (Date.now() < state.oral!.slotAt + ORAL_CLIENT_GRACE_MS) {
          refuse('ORDER_STATE_CONFLICT', 'The client may be marked absent 15 minutes after the booked time.');
        }
      },
    },
  );
}
