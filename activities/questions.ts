import type { MoneyActivities } from '../domain/money-contract.ts';
import { type QuestionActivities, type QuestionNotice, type QuestionState } from '../domain/questions/contract.ts';
import { operatorDeadline } from '../domain/questions/core/index.ts';
import { jsonValue, type Db } from '../infra/db.ts';
import { markAnswerPublished, markAnswerUnderComplaint, unlockAnswer } from '../services/questions/answers.ts';
import { ESCALATION_SUBJECTS, renderQuestionNotice } from '../services/questions/notices.ts';
import { dispatchEmail, queueEmail } from '../services/platform/outbox.ts';
import type { TemporalTarget } from '../services/platform/temporal/gateway.ts';

// Side effects of the question workflow (domain/questions/contract.ts), each idempotent: the
// mirror overwrites the row with the workflow's state (and moves the answers' publication and
// unlock instants only forward), mail carries a dedupe key per recipient, escalations are unique
// on their dedupe key.

const at = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms));

/** The question's columns as its state has them (the lists and admin queues read these). */
export function questionColumns(state: QuestionState) {
  return {
    status: state.status,
    publishedAt: at(state.publishedAt),
    chosenSpecialistId: state.rounds.at(-1)?.specialistId ?? null,
    nextDeadlineAt: at(operatorDeadline(state)),
    closedAt: at(state.closedAt),
  };
}

export function createQuestionActivities(deps: {
  db: Db;
  temporal: TemporalTarget;
  publicBaseUrl: string;
}): Omit<QuestionActivities, keyof MoneyActivities> {
  const { db } = deps;

  async function mail(recipients: { id: string; email: string }[], dedupeKey: string, subject: string, body: string) {
    for (const user of recipients) {
      const id = await queueEmail(db, { recipient: user.email, subject, body, dedupeKey: `${dedupeKey}/${user.id}` });
      await dispatchEmail(deps.temporal, id);
    }
  }
  const admins = () => db.user.findMany({ where: { role: 'admin', suspendedAt: null } });

  return {
    async mirrorQuestion(state: QuestionState): Promise<void> {
      // QA-6: the answers' rows follow the rounds (published, opened to the client, under
      // complaint) before the question's row: whoever sees the new status sees its answers too.
      for (const round of state.rounds) {
        if (round.answer) await markAnswerPublished(db, state.questionId, round.no, new Date(round.answer.publishedAt));
        if (round.fullAnswerOpen) await unlockAnswer(db, state.questionId, round.no, new Date(round.fullAnswerOpenedAt ?? Date.now()));
        if (round.complaint) await markAnswerUnderComplaint(db, state.questionId, round.no, new Date(round.complaint.openedAt));
      }
      await db.question.update({ where: { id: state.questionId }, data: { ...questionColumns(state), state: jsonValue(state) } });
    },

    async notifyQuestion(notice: QuestionNotice): Promise<number> {
      const users = await db.user.findMany({ where: { id: { in: notice.recipients } } });
      const recipients = [...users, ...(notice.admins ? await admins() : [])];
      const { subject, body } = renderQuestionNotice(notice.message);
      const link = `${deps.publicBaseUrl}/v1/questions/${notice.questionId}`;
      await mail(recipients, notice.dedupeKey, subject, `${body}\n\nQuestion: ${link}`);
      return recipients.length;
    },

    async escalateQuestion(input): Promise<void> {
      await db.questionEscalation.createMany({ data: [{ ...input }], skipDuplicates: true });
      const subject = ESCALATION_SUBJECTS[input.reason];
      const link = `${deps.publicBaseUrl}/v1/admin/questions/${input.questionId}`;
      await mail(await admins(), input.dedupeKey, subject, `${subject} (${input.detail}).\n\nQuestion: ${link}`);
    },
  };
}
