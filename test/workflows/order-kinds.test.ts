import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordHistory } from '../support/histories.ts';
import { readAll } from '../../services/orders/documents.ts';
import type { orderWorkflowV2 } from '../../workflows/order.ts';
import {
  agreeToProposal,
  assignLawyer,
  cancelOrder,
  correctPageCount,
  deliver,
  orderState,
  orderWorkflowId,
  paymentSettled,
  proposeExtension,
  recordExtraItem,
} from '../../domain/orders/contract.ts';
import {
  actor,
  DAY,
  HOUR,
  makeUser,
  MINUTE,
  paidOrder,
  refusalOf,
  send,
  skipTo,
  startOrderHarness,
  waitForState,
  type OrderHandle,
  type OrderHarness,
} from '../support/order-harness.ts';

// Document work, page counts, contracts, court instances and subscriptions (E-LEGAL §6.5,
// §6.8, §6.10.4, §7.3) on the time-skipping server.

let h: OrderHarness;
beforeAll(async () => void (h = await startOrderHarness()));
afterAll(async () => {
  expect(h.money.unbalanced()).toEqual([]);
  await h?.close();
});

const FILE = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function withLawyer<T extends { handle: OrderHandle }>(order: T) {
  const [lawyer, admin] = [await makeUser(h, 'specialist'), await makeUser(h, 'admin')];
  await send(order.handle, assignLawyer, { by: actor(admin), lawyerId: lawyer.id });
  return { ...order, lawyer, admin };
}

describe('EL-DOC-1 / EL-DOC-3: document review, preparation and translation', () => {
  it('EL-DOC-1: due the service’s 5 calendar days after payment; 2 agreed extra days move it to 7', async () => {
    const { handle, client, lawyer, paidAt } = await withLawyer(await paidOrder(h, 'document_review', { docDays: 5 }));
    expect((await waitForState(handle, () => true)).dueAt).toBe(paidAt + 5 * DAY);
    await send(handle, proposeExtension, { by: actor(lawyer), days: 2, reason: 'many materials' });
    expect((await send(handle, agreeToProposal, { by: actor(client) })).dueAt).toBe(paidAt + 7 * DAY);
    await skipTo(h, paidAt + 6 * DAY);
    expect((await waitForState(handle, () => true)).overdueSince).toBeNull();
    await send(handle, deliver, { by: actor(lawyer), fileId: FILE(1) });
    expect((await handle.result()).status).toBe('delivered');
  });

  it('EL-DOC-1, EL-DONE-1: document preparation: due after 2 days, delivered on day 2, the lawyer paid', async () => {
    const { handle, orderId, lawyer, paidAt } = await withLawyer(await paidOrder(h, 'document_preparation', { docDays: 2 }));
    expect((await waitForState(handle, () => true)).dueAt).toBe(paidAt + 2 * DAY);
    await skipTo(h, paidAt + 2 * DAY - HOUR);
    const state = await waitForState(handle, (s) => s.warnedForDueAt !== null);
    expect(state.overdueSince).toBeNull();
    await send(handle, deliver, { by: actor(lawyer), fileId: FILE(7) });
    expect((await handle.result()).status).toBe('delivered');
    expect(h.money.holdOf(orderId)?.resolution).toMatchObject({ toSpecialist: 80_000, toPlatform: 20_000 });
  });

  const wordTranslation = () =>
    paidOrder(h, 'translation', { docDays: 3, price: 30_000, pages: { pricePerPage: 10_000, billedPages: 3, declared: true } });

  it('EL-DOC-3: a corrected Word page count is paid within 3 calendar days and the work goes on', async () => {
    const { handle, orderId, lawyer } = await withLawyer(await wordTranslation());
    const difference = await send(handle, correctPageCount, { by: actor(lawyer), pages: 5 });
    expect(h.money.payments.get(`order-${orderId}/page_difference-1/payment`)?.amount).toBe(20_000);
    await skipTo(h, (await h.env.currentTimeMs()) + 2 * DAY);
    await handle.signal(paymentSettled, { paymentId: difference.paymentId, status: 'succeeded', settledAt: await h.env.currentTimeMs() });
    const resumed = await waitForState(handle, (s) => s.status === 'in_progress');
    expect(resumed.pages).toMatchObject({ billedPages: 5, differenceDueAt: null });
    await send(handle, deliver, { by: actor(lawyer), fileId: FILE(2) });
    await handle.result();
    expect(h.money.holdOf(orderId, '/page_difference-1')?.resolution).toMatchObject({ toSpecialist: 16_000, toPlatform: 4_000 });
    await recordHistory(handle, 'order-v2-translation-page-difference-paid');
  });

  it('EL-DOC-3: unpaid after 3 calendar days the service is refused and refunded minus 15 % administrative costs', async () => {
    const { handle, orderId, lawyer } = await withLawyer(await wordTranslation());
    const correctedAt = await h.env.currentTimeMs();
    await send(handle, correctPageCount, { by: actor(lawyer), pages: 5 });
    await h.smtp.waitFor((mail) => mail.raw.includes('page count of your document was corrected'));
    await skipTo(h, correctedAt + 3 * DAY - MINUTE);
    expect((await waitForState(handle, () => true)).status).toBe('awaiting_page_payment');
    const outcome = await handle.result();
    expect(outcome.status).toBe('refused');
    expect(outcome.outcome).toMatchObject({ refundBps: 8500, refunded: 25_500, kept: 4_500 });
    expect(h.money.refundOf(orderId)).toBe(25_500);
  });

  it('EL-DOC-2: only a declared (Word) count can be corrected; a PDF’s counted pages cannot', async () => {
    const { handle, lawyer } = await withLawyer(
      await paidOrder(h, 'document_review', {
        docDays: 2,
        price: 20_000,
        pages: { pricePerPage: 10_000, billedPages: 2, declared: false },
      }),
    );
    expect(await refusalOf(send(handle, correctPageCount, { by: actor(lawyer), pages: 4 }))).toBe('ORDER_STATE_CONFLICT');
    await send(handle, deliver, { by: actor(lawyer), fileId: FILE(3) });
  });
});

describe('EL-CON-1: contract from a template', () => {
  it('EL-CON-1: paid, the contract is generated at once and lands in the cabinet', async () => {
    const fields = {
      city: 'Bakı',
      date: '2026-12-01',
      customer: 'Əliyev Vüqar',
      contractor: 'Quliyeva Aytən',
      subject: 'Bookkeeping for December 2026',
      price: '500.00',
      dueDate: '2026-12-31',
    };
    const { handle, orderId, client } = await paidOrder(h, 'contract_template', { contract: { templateId: 'service-agreement', fields } });
    const done = await handle.result();
    expect(done.status).toBe('delivered');
    const file = await h.database.db.storedFile.findUniqueOrThrow({ where: { id: done.deliverables[0]!.fileId } });
    expect(file.ownerId).toBe(client.id);
    const text = (await readAll(h.storage, file.storageKey)).toString('utf8');
    expect(text).toContain('Əliyev Vüqar (the Customer) and Quliyeva Aytən (the Contractor)');
    // No lawyer worked on it: the platform keeps the whole price.
    expect(h.money.holdOf(orderId)?.resolution).toMatchObject({ toSpecialist: 0, toPlatform: 100_000 });
    await recordHistory(handle, 'order-v2-contract-generated');
  });
});

describe('EL-CRT-1: court applications per instance', () => {
  it('EL-CRT-1: extra costs are recorded apart from the price; a higher instance links the one before', async () => {
    const first = await withLawyer(await paidOrder(h, 'court_application'));
    await send(first.handle, recordExtraItem, {
      by: actor(first.lawyer),
      item: { kind: 'travel', description: 'Hearing in Ganja', amount: 15_000, currency: 'AZN' },
    });
    await send(first.handle, recordExtraItem, {
      by: actor(first.admin),
      item: { kind: 'state_duty', description: 'State duty', amount: 2_000, currency: 'AZN' },
    });
    await send(first.handle, deliver, { by: actor(first.lawyer), fileId: FILE(4), note: 'final act of the first instance' });
    const done = await first.handle.result();
    expect(done.extras.map((e) => [e.kind, e.amount])).toEqual([
      ['travel', 15_000],
      ['state_duty', 2_000],
    ]);
    expect(h.money.holdOf(first.orderId)?.resolution).toMatchObject({ toSpecialist: 80_000, toPlatform: 20_000 });
    expect(await h.database.db.orderExtraItem.count({ where: { orderId: first.orderId } })).toBe(2);
    const appeal = await paidOrder(h, 'court_application', { previousOrderId: first.orderId });
    expect((await waitForState(appeal.handle, () => true)).previousOrderId).toBe(first.orderId);
  });
});

describe('EL-SUB-1: subscription packages', () => {
  it('EL-SUB-1: weekly deliverables due at the end of each period’s last day; a fresh run per period; completed after the term', async () => {
    const { orderId, client, lawyer, paidAt } = await withLawyer(
      await paidOrder(h, 'subscription', { subscription: { unit: 'week', periods: 2 } }),
    );
    const live = () => h.env.client.workflow.getHandle<typeof orderWorkflowV2>(orderWorkflowId(orderId));
    const first = await waitForState(live(), (s) => s.status === 'active');
    const firstDue = first.dueAt!;
    expect(firstDue - paidAt).toBeLessThanOrEqual(7 * DAY);
    expect(firstDue - paidAt).toBeGreaterThan(6 * DAY);
    await send(live(), deliver, { by: actor(lawyer), fileId: FILE(5) });
    // EL-REF-2: once something was delivered, the package is not refunded.
    expect(await refusalOf(send(live(), cancelOrder, { by: actor(client), acceptedRefundBps: 0 }))).toBe('ORDER_ALREADY_DELIVERED');
    const firstRun = (await live().describe()).runId;
    await skipTo(h, firstDue + MINUTE);
    const second = await waitForState(live(), (s) => s.subscription?.currentPeriod === 1);
    expect(second.dueAt).toBe(firstDue + 7 * DAY);
    expect((await live().describe()).runId).not.toBe(firstRun); // continued as new: history stays small
    await skipTo(h, second.dueAt! + HOUR);
    expect((await waitForState(live(), (s) => s.overdueSince !== null)).overdueSince).toBe(second.dueAt);
    await send(live(), deliver, { by: actor(lawyer), fileId: FILE(6) });
    const done = await live().result();
    expect(done.status).toBe('completed');
    expect(done.deliverables.map((d) => d.period)).toEqual([0, 1]);
    expect(h.money.holdOf(orderId)?.resolution).toMatchObject({ toSpecialist: 80_000, toPlatform: 20_000 });
    expect((await live().query(orderState)).status).toBe('completed');
    await recordHistory(live(), 'order-v2-subscription-second-period-completed');
  });
});
