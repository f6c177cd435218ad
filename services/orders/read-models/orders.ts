import type { OrderStatus } from '../../../domain/orders/model.ts';
import type { Db } from '../../../infra/db.ts';
import { newestFirstAfter, newestFirstPage, type PageRequest } from '../../platform/paging.ts';

// The mirrored orders (the workflow owns each order's state; these rows are for lists), newest
// first. Rows; the API shapes them (api/routes/orders/views.ts).

export interface OrderFilter {
  clientId?: string | undefined;
  /** null: orders no lawyer has taken yet. */
  lawyerId?: string | null | undefined;
  status?: OrderStatus | undefined;
  /** Only orders whose delivery deadline has passed. */
  overdue?: boolean | undefined;
}

export function listOrders(db: Db, filter: OrderFilter, page: PageRequest) {
  return db.order.findMany({
    where: {
      ...(filter.status && { status: filter.status }),
      ...(filter.clientId && { clientId: filter.clientId }),
      ...(filter.lawyerId !== undefined && { lawyerId: filter.lawyerId }),
      ...(filter.overdue && { overdueSince: { not: null } }),
      ...newestFirstAfter(page.after),
    },
    ...newestFirstPage(page),
  });
}

/** EL-ORD-3: paid orders no lawyer has taken yet, the queue lawyers take work from. */
export const lawyerQueue = (db: Db, page: PageRequest) => listOrders(db, { status: 'awaiting_lawyer', lawyerId: null }, page);

/** The mirrored row of an order the caller may see (checked before, e.g. by placing it). */
export function orderRow(db: Db, orderId: string) {
  return db.order.findUniqueOrThrow({ where: { id: orderId } });
}

/** EL-ORD-2 / EL-DONE-1: an order's documents in the order they were added, with their files. */
export async function orderDocuments(db: Db, orderId: string) {
  const docs = await db.orderDocument.findMany({ where: { orderId }, orderBy: { createdAt: 'asc' } });
  const files = await db.storedFile.findMany({ where: { id: { in: docs.map((d) => d.fileId) } } });
  const byId = new Map(files.map((f) => [f.id, f]));
  return docs.flatMap((d) => {
    const file = byId.get(d.fileId);
    return file ? [{ fileId: d.fileId, role: d.role, pages: d.pages, originalName: file.originalName, mediaType: file.mediaType }] : [];
  });
}
