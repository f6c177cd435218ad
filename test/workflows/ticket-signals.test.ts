import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASHKENT_SUPPORT_CALENDAR } from '../../domain/calendar.ts';
import { WORKFLOWS_PATH } from '../../worker/create-worker.ts';
import { ticketWorkflow } from '../../workflows/ticket.ts';
import { customerReplied, ticketWorkflowId } from '../../domain/tickets/contract.ts';
import type { TicketEventDraft } from '../../domain/tickets/core.ts';
import { startTimeSkippingEnvironment } from '../support/time-skipping.ts';
import { testDataConverter } from '../support/config.ts';

// The ticket workflow's signal handling, with activity doubles (workflow unit test).

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTimeSkippingEnvironment();
});
afterAll(async () => env?.teardown());

describe('ticket workflow signals', () => {
  it('SUP-1: a customer reply signalled twice (intake redelivery) is recorded once', async () => {
    const recorded: TicketEventDraft[] = [];
    const activities = {
      async recordTicket(input: { events: TicketEventDraft[] }) {
        recorded.push(...input.events);
      },
      async notifySla() {
        return 'supervisor@maslahat.local';
      },
      async sampleForQualityReview() {
        return false;
      },
    };
    const worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue: 'ticket-signals',
      workflowsPath: WORKFLOWS_PATH,
      dataConverter: testDataConverter(),
      activities,
    });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(ticketWorkflow, {
        workflowId: ticketWorkflowId(990_001),
        taskQueue: 'ticket-signals',
        args: [
          {
            ticketId: 'ticket-signals-1',
            number: 990_001,
            channel: 'telegram',
            priority: 'medium',
            registeredAt: await env.currentTimeMs(),
            identity: { customerName: null, organisation: null, stir: null },
            calendar: TASHKENT_SUPPORT_CALENDAR,
          },
        ],
      });
      await handle.signal(customerReplied, { messageId: 'm1' });
      await handle.signal(customerReplied, { messageId: 'm1' });
      await handle.signal(customerReplied, { messageId: 'm2' });
      // Signals are handled in order: once m2 is recorded, both deliveries of m1 were handled.
      const deadline = Date.now() + 20_000;
      while (!recorded.some((e) => e.kind === 'customerReplied' && (e.detail as { messageId?: string }).messageId === 'm2')) {
        if (Date.now() > deadline) throw new Error(`m2 never recorded: ${JSON.stringify(recorded)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await handle.terminate('test over');
    });
    const replies = recorded.filter((e) => e.kind === 'customerReplied').map((e) => (e.detail as { messageId: string }).messageId);
    expect(replies).toEqual(['m1', 'm2']);
  });
});
