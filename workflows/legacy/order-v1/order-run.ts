import { condition } from '@temporalio/workflow';
import type { OrderOutcome, OrderState, OrderStatus } from '../../../domain/orders/model.ts';
import { refreshDeadline } from './order-schedule.ts';

// The running order: its state plus the bookkeeping shared by the main loop and the message
// handlers. Handlers change the state synchronously and leave side effects (mail, mirror,
// money) to the main loop, which wakes up on every change.

export type Audience = 'client' | 'lawyer' | 'admins';

export interface Notice {
  /** Dedupe key suffix: the same notice is mailed once even if an activity is retried. */
  key: string;
  audience: Audience[];
  subject: string;
  body: string;
}

export class OrderRun {
  version = 0;
  settled = false;
  readonly notices: Notice[] = [];
  /** What was last written to the mirror and the search attributes. */
  published: { status: OrderStatus; lawyerId: string | null; dueAt: number | null; version: number } | null = null;

  constructor(readonly state: OrderState) {}

  touch(): void {
    refreshDeadline(this.state, Date.now());
    this.version += 1;
  }

  notify(notice: Notice): void {
    this.notices.push(notice);
    this.version += 1;
  }

  setStatus(status: OrderStatus): void {
    this.state.status = status;
    this.touch();
  }

  /** Ends the order; the main loop then settles the money (amounts are filled in there). */
  finish(status: OrderStatus, refundBps: number, reason: string | null): void {
    this.state.outcome = { status, at: Date.now(), refundBps, refunded: 0, kept: 0, toSpecialist: 0, reason };
    this.setStatus(status);
  }

  /** For update handlers that answer with the settled outcome. */
  async settledOutcome(): Promise<OrderOutcome> {
    await condition(() => this.settled);
    return this.state.outcome!;
  }
}
