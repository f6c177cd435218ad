import { DomainError } from '../domain/errors.ts';
import type { Db } from '../infra/db.ts';

// Who may see an order: its client, its assigned lawyer, admins; and any lawyer while it
// waits in the queue for one (they must read it to take it). Everyone else gets 404 — a
// stranger must not learn that the order exists.

export interface Reader {
  userId: string;
  role: string;
}

export type OrderRow = NonNullable<Awaited<ReturnType<Db['order']['findUnique']>>>;

export function mayRead(order: { clientId: string; lawyerId: string | null; status: string }, reader: Reader): boolean {
  if (reader.role === 'admin') return true;
  if (order.clientId === reader.userId || order.lawyerId === reader.userId) return true;
  return reader.role === 'specialist' && order.lawyerId === null && order.status === 'awaiting_lawyer';
}

export async function readableOrder(db: Db, orderId: string, reader: Reader): Promise<OrderRow> {
  const order = await db.order.findUnique({ where: { id: orderId } });
  if (!order || !mayRead(order, reader)) throw new DomainError('NOT_FOUND', 'No such order.');
  return order;
}

/** The client's own order (client-only commands). */
export async function clientsOrder(db: Db, orderId: string, reader: Reader): Promise<OrderRow> {
  const order = await readableOrder(db, orderId, reader);
  if (order.clientId !== reader.userId) throw new DomainError('NOT_FOUND', 'No such order.');
  return order;
}
