import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { OrderState, ServiceKind } from '../../domain/orders/model.ts';
import { LocalDiskStorage } from '../../services/platform/storage.ts';
import { orderWorkflowV2 } from '../../workflows/order.ts';
import { checkout, orderState, orderWorkflowId, paymentSettled, type Actor, type OrderInput } from '../../domain/orders/contract.ts';
import type { TestDatabase } from './database.ts';
import { FakeMoney } from './fake-money.ts';
export { refusalOf, send } from './updates.ts';
import type { startSmtpCapture } from './smtp.ts';
import { startWorkflowWorld } from './workflow-world.ts';

// Order workflow unit tests on the time-skipping server: real order activities against a real
// database and SMTP capture; only the money module's activities are the FakeMoney double.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const PRICE = 100_000; // 1 000.00 AZN

export interface OrderHarness {
  env: TestWorkflowEnvironment;
  database: TestDatabase;
  money: FakeMoney;
  storage: LocalDiskStorage;
  smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  taskQueue: string;
  close(): Promise<void>;
}

export async function startOrderHarness(): Promise<OrderHarness> {
  const storageDir = await mkdtemp(join(tmpdir(), 'maslahat-order-files-'));
  const storage = new LocalDiskStorage(storageDir);
  const money = new FakeMoney();
  const world = await startWorkflowWorld({
    taskQueue: `orders-${randomBytes(3).toString('hex')}`,
    deps: { storage },
    activities: () => money.activities,
  });
  return {
    env: world.env,
    database: world.database,
    money,
    smtp: world.smtp,
    taskQueue: world.taskQueue,
    storage,
    async close() {
      await world.close();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

let phoneSeq = 0;
export async function makeUser(h: OrderHarness, role: 'client' | 'specialist' | 'admin') {
  const tag = randomBytes(4).toString('hex');
  phoneSeq += 1;
  return h.database.db.user.create({
    data: {
      email: `${role}-${tag}@example.test`,
      phone: `+99450${String(process.pid % 1000).padStart(3, '0')}${String(phoneSeq).padStart(4, '0')}`,
      passwordHash: 'x',
      fullName: `${role} ${tag}`,
      role,
      birthDate: new Date('1990-01-01'),
    },
  });
}

export const actor = (user: { id: string; role: string }): Actor => ({ userId: user.id, role: user.role as Actor['role'] });

/** A catalogue service and an order row as the API would create them, then the workflow started. */
export async function startOrder(h: OrderHarness, kind: ServiceKind, extra: Partial<OrderInput> = {}) {
  const client = await makeUser(h, 'client');
  const service = await h.database.db.catalogueService.create({
    data: { kind, title: `Test ${kind}`, price: BigInt(PRICE), currency: 'AZN', docDays: extra.docDays ?? null },
  });
  const orderId = randomUUID();
  const placedAt = extra.placedAt ?? (await h.env.currentTimeMs());
  await h.database.db.order.create({
    data: {
      id: orderId,
      clientId: client.id,
      serviceId: service.id,
      kind,
      title: service.title,
      status: 'awaiting_payment',
      price: BigInt(PRICE),
      currency: 'AZN',
      commissionBps: 2000,
      refundPolicyVersion: 'test',
      form: {},
    },
  });
  const input: OrderInput = {
    orderId,
    clientId: client.id,
    kind,
    title: service.title,
    price: PRICE,
    currency: 'AZN',
    commissionBps: 2000,
    placedAt,
    paymentWindowMs: HOUR,
    ...extra,
  };
  const handle = await h.env.client.workflow.start(orderWorkflowV2, {
    workflowId: orderWorkflowId(orderId),
    taskQueue: h.taskQueue,
    args: [input],
  });
  return { orderId, client, handle };
}

export type OrderHandle = WorkflowHandle<typeof orderWorkflowV2>;

/** Pays through the (fake) provider: the webhook's signal, settled at the test server's now. */
export async function pay(h: OrderHarness, handle: OrderHandle): Promise<number> {
  const { paymentId } = await handle.executeUpdate(checkout);
  const paidAt = await h.env.currentTimeMs();
  await handle.signal(paymentSettled, { paymentId, status: 'succeeded', settledAt: paidAt });
  await waitForState(handle, (s) => s.registeredAt !== null && s.charges.every((c) => c.status !== 'held' || c.holdId !== null));
  return paidAt;
}

export async function paidOrder(h: OrderHarness, kind: ServiceKind, extra: Partial<OrderInput> = {}) {
  const started = await startOrder(h, kind, extra);
  const paidAt = await pay(h, started.handle);
  return { ...started, paidAt };
}

/** Moves the test server's clock to `paidAt + offset` (time is global to the environment). */
export async function skipTo(h: OrderHarness, instant: number): Promise<void> {
  const now = await h.env.currentTimeMs();
  if (instant > now) await h.env.sleep(instant - now);
}

/** Queries until the state satisfies `predicate` (a timer's task may still be in flight). */
export async function waitForState(handle: OrderHandle, predicate: (s: OrderState) => boolean, timeoutMs = 10_000): Promise<OrderState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await handle.query(orderState);
    if (predicate(state)) return state;
    if (Date.now() > deadline)
      throw new Error(
        `state never matched; last: ${JSON.stringify({ status: state.status, overdueSince: state.overdueSince, dueAt: state.dueAt })}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}
