import { DomainError } from '../domain/errors.ts';
import type { OrderState } from '../domain/order-model.ts';
import { refundQuote, splitByShare, type RefundQuote } from '../domain/refund-policy.ts';
import type { Db } from '../infra/db.ts';
import { mayRead, type OrderRow, type Reader } from './order-access.ts';

// The client's cabinet for one order (EL-DONE-1): its documents and deliverables, and the
// refund a cancellation would give now (EL-REF-1), shown before the client confirms.

export async function orderDocuments(db: Db, orderId: string) {
  const documents = await db.orderDocument.findMany({ where: { orderId }, orderBy: [{ createdAt: 'asc' }, { fileId: 'asc' }] });
  const files = await db.storedFile.findMany({ where: { id: { in: documents.map((d) => d.fileId) } } });
  return documents.flatMap((document) => {
    const file = files.find((f) => f.id === document.fileId);
    if (!file) return [];
    return [{
      fileId: file.id, role: document.role, originalName: file.originalName, mediaType: file.mediaType, sizeBytes: file.sizeBytes,
      pages: document.pages, createdAt: document.createdAt.toISOString(),
    }];
  });
}

/** A file the reader may download because it belongs to an order they are a party of. */
export async function orderFile(db: Db, order: OrderRow, fileId: string, reader: Reader) {
  const document = await db.orderDocument.findUnique({ where: { orderId_fileId: { orderId: order.id, fileId } } });
  const file = document && mayRead(order, reader) ? await db.storedFile.findUnique({ where: { id: fileId } }) : null;
  if (!file) throw new DomainError('NOT_FOUND', 'No such document of this order.');
  return file;
}

/**
 * Where to pay for an order that awaits payment, read from its state: a page reload must not
 * write to the workflow's history, as the `checkout` update would each time.
 */
export function openCheckoutOf(state: OrderState): { paymentId: string; checkoutUrl: string } {
  const charge = state.charges.find((c) => c.purpose === 'order');
  if (state.outcome !== null) throw new DomainError('ORDER_CLOSED', `The order is already ${state.status.replace(/_/g, ' ')}.`);
  if (charge?.status !== 'awaiting_payment' || !charge.paymentId || !charge.checkoutUrl) {
    throw new DomainError('ORDER_STATE_CONFLICT', charge?.status === 'held' ? 'The order is already paid.' : 'The payment is not open yet; try again shortly.');
  }
  return { paymentId: charge.paymentId, checkoutUrl: charge.checkoutUrl };
}

/**
 * EL-REF-1: what cancelling now returns. Each paid charge is split on its own, exactly as the
 * workflow will settle it, so the quote and the refund agree to the last minor unit.
 */
export function cancellationQuote(state: OrderState, now: number): RefundQuote & { paid: number } {
  if (state.outcome !== null) throw new DomainError('ORDER_CLOSED', `The order is already ${state.status.replace(/_/g, ' ')}.`);
  if (state.deliverables.length > 0 || state.status === 'call_in_progress') {
    throw new DomainError('ORDER_ALREADY_DELIVERED', 'The service was delivered; it cannot be cancelled for a refund (EL-REF-2).');
  }
  const held = state.charges.filter((charge) => charge.status === 'held');
  if (state.paidAt === null || held.length === 0) {
    // EL-ORD-2: nothing was paid, so a cancellation returns nothing and owes nothing.
    return { refundBps: 0, refunded: 0, kept: 0, paid: 0, policyVersion: state.refundPolicyVersion, quotedAt: now, validUntil: null };
  }
  const quote = refundQuote(state.price, state.paidAt, now);
  const splits = held.map((charge) => splitByShare(charge.amount, quote.refundBps));
  return {
    ...quote,
    policyVersion: state.refundPolicyVersion, // the schedule the order was placed under
    refunded: splits.reduce((sum, s) => sum + s.refunded, 0),
    kept: splits.reduce((sum, s) => sum + s.kept, 0),
    paid: held.reduce((sum, charge) => sum + charge.amount, 0),
  };
}
