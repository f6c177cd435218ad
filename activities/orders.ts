import type { MoneyActivities } from '../domain/money-contract.ts';
import type { OrderActivities } from '../domain/orders/contract.ts';
import { ApplicationFailure } from '@temporalio/activity';
import { isContractTemplateId } from '../domain/orders/contract-templates.ts';
import type { OrderState } from '../domain/orders/model.ts';
import { jsonValue, type Db } from '../infra/db.ts';
import { orderColumns } from '../services/orders/commands.ts';
import { storeGeneratedContract } from '../services/orders/documents.ts';
import { dispatchEmail, queueEmail } from '../services/platform/outbox.ts';
import type { TemporalTarget } from '../services/platform/temporal/gateway.ts';
import type { FileStorage } from '../services/platform/storage.ts';

// Side effects of the order workflow. Each is idempotent: the mirror is an overwrite of the
// workflow's state, mail carries a dedupe key per recipient, the contract file has a name-based id.

type Audience = 'client' | 'lawyer' | 'admins';

export function createOrderActivities(deps: {
  db: Db;
  temporal: TemporalTarget;
  publicBaseUrl: string;
  storage?: FileStorage;
}): Omit<OrderActivities, keyof MoneyActivities> {
  const { db } = deps;

  async function recipientsOf(input: { clientId: string; lawyerId: string | null; audience: Audience[] }) {
    const ids = [
      ...(input.audience.includes('client') ? [input.clientId] : []),
      ...(input.audience.includes('lawyer') && input.lawyerId ? [input.lawyerId] : []),
    ];
    const users = await db.user.findMany({ where: { id: { in: ids } } });
    // Admins stand in for a lawyer who is not assigned yet, so a warning always reaches someone.
    const wantAdmins = input.audience.includes('admins') || (input.audience.includes('lawyer') && !input.lawyerId);
    const admins = wantAdmins ? await db.user.findMany({ where: { role: 'admin', suspendedAt: null } }) : [];
    return [...users, ...admins];
  }

  return {
    /** The API's lists read this mirror; the workflow's `state` query stays the live source. */
    async mirrorOrder(state: OrderState): Promise<void> {
      await db.$transaction(async (tx) => {
        await tx.order.update({ where: { id: state.orderId }, data: { ...orderColumns(state), state: jsonValue(state) } });
        if (state.deliverables.length > 0) {
          await tx.orderDocument.createMany({
            data: state.deliverables.map((d) => ({ orderId: state.orderId, fileId: d.fileId, role: 'deliverable' as const })),
            skipDuplicates: true,
          });
        }
        if (state.extras.length > 0) {
          await tx.orderExtraItem.createMany({
            data: state.extras.map((item, seq) => ({
              orderId: state.orderId,
              seq,
              kind: item.kind,
              description: item.description,
              amount: BigInt(item.amount),
              currency: item.currency,
              agreedAt: new Date(item.agreedAt),
            })),
            skipDuplicates: true,
          });
        }
      });
    },

    async notifyOrder(input: {
      orderId: string;
      clientId: string;
      lawyerId: string | null;
      dedupeKey: string;
      audience: Audience[];
      subject: string;
      body: string;
    }): Promise<number> {
      const recipients = await recipientsOf(input);
      const link = `${deps.publicBaseUrl}/v1/orders/${input.orderId}`;
      for (const user of recipients) {
        const id = await queueEmail(db, {
          recipient: user.email,
          subject: input.subject,
          body: `${input.body}\n\nOrder: ${link}`,
          dedupeKey: `${input.dedupeKey}/${user.id}`,
        });
        await dispatchEmail(deps.temporal, id);
      }
      return recipients.length;
    },

    /** EL-CON-1: generates the contract from the filled template and stores it for the client. */
    async generateContract(input: { orderId: string; clientId: string; templateId: string; fields: Record<string, string> }) {
      if (!deps.storage) throw new Error('generateContract needs file storage on the worker');
      if (!isContractTemplateId(input.templateId)) {
        throw ApplicationFailure.create({
          type: 'CONTRACT_FIELDS_INVALID',
          message: `unknown template ${input.templateId}`,
          nonRetryable: true,
        });
      }
      return { fileId: await storeGeneratedContract(db, deps.storage, { ...input, templateId: input.templateId }) };
    },
  };
}
