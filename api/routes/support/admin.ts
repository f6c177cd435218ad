import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { slaReport } from '../../../services/support/report.ts';
import { removeCalendarDay, setCalendarDay } from '../../../services/platform/business-calendars.ts';
import { calendarDaysOf } from '../../../services/platform/read-models/calendar-days.ts';
import { dutyShiftsOverlapping } from '../../../services/support/read-models/duty-shifts.ts';
import { QUALITY_REVIEW_STATES, qualityReviews } from '../../../services/support/read-models/quality-reviews.ts';
import { putOnDuty, removeDutyShift, scoreQualityReview } from '../../../services/support/supervision.ts';
import { PageQuery, pageOf, pageRequest, toPage } from '../../pagination.ts';
import { currentUser } from '../../plugins/auth.ts';
import { IdParams, IsoDate, problemResponses, Uuid } from '../../schemas.ts';
import { Priority, TicketChannel } from './views.ts';
import { CALENDAR_DAY_KINDS } from '../../../domain/calendar.ts';

// Supervisors (admins): the holiday calendar (SUP-2), duty shifts for escalations, the SLA
// report, quality review (SUP-7).
const CalendarDay = z.object({ date: z.string(), kind: z.enum(CALENDAR_DAY_KINDS), name: z.string() }).meta({ id: 'SupportCalendarDay' });

const ClockFigures = z.object({
  achieved: z.number().int(),
  breached: z.number().int(),
  open: z.number().int().describe('Neither met nor breached yet'),
  medianMinutes: z
    .number()
    .nullable()
    .describe('Median minutes from registration to meeting the target, on its clock (working minutes; wall-clock for critical resolution)'),
});

const QualityReviewView = z.object({
  id: z.string(),
  ticketNumber: z.number().int(),
  channel: TicketChannel,
  recordingUrl: z.string().nullable(),
  score: z.number().int().nullable(),
  comment: z.string().nullable(),
  reviewerId: z.string().nullable(),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
});

const DutyShift = z
  .object({ id: z.string(), supervisorId: z.string(), startsAt: z.string(), endsAt: z.string() })
  .meta({ id: 'SupportDutyShift' });
const dutyShiftView = (s: { id: string; supervisorId: string; startsAt: Date; endsAt: Date }) => ({
  id: s.id,
  supervisorId: s.supervisorId,
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
});

const supportAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['support administration'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.requireRole('admin'));

  app.get(
    '/calendar-days',
    {
      schema: {
        tags,
        security,
        description:
          'SUP-2, PAY-5: public holidays and working days moved by decree — the one calendar behind support SLAs and the withdrawal delay. Running tickets keep the calendar they started with; earnings keep the date computed when they were credited.',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: { 200: z.object({ items: z.array(CalendarDay) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const days = await calendarDaysOf(db, request.query.year);
      return { items: days.map((d) => ({ date: d.date.toISOString().slice(0, 10), kind: d.kind, name: d.name })) };
    },
  );

  app.put(
    '/calendar-days/:date',
    {
      schema: {
        tags,
        security,
        params: z.object({ date: IsoDate }),
        body: z.object({ kind: z.enum(CALENDAR_DAY_KINDS).default('holiday'), name: z.string().trim().min(2).max(200) }),
        response: { 200: CalendarDay, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const day = await setCalendarDay(db, new Date(request.params.date), request.body);
      return { date: request.params.date, kind: day.kind, name: day.name };
    },
  );

  app.delete(
    '/calendar-days/:date',
    {
      schema: { tags, security, params: z.object({ date: IsoDate }), response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      await removeCalendarDay(db, new Date(request.params.date));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/duty-shifts',
    {
      schema: {
        tags,
        security,
        description: 'Puts an admin on duty: SLA escalations in [startsAt, endsAt) go to them (else to SUPPORT_SUPERVISOR_EMAIL).',
        body: z.object({ supervisorId: Uuid, startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }) }),
        response: { 201: DutyShift, ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const { supervisorId, startsAt, endsAt } = request.body;
      const shift = await putOnDuty(db, { supervisorId, startsAt: new Date(startsAt), endsAt: new Date(endsAt) });
      return reply.code(201).send(dutyShiftView(shift));
    },
  );

  app.get(
    '/duty-shifts',
    {
      schema: {
        tags,
        security,
        description: 'Shifts overlapping [from, to), earliest first.',
        querystring: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
        response: { 200: z.object({ items: z.array(DutyShift) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const shifts = await dutyShiftsOverlapping(db, new Date(request.query.from), new Date(request.query.to));
      return { items: shifts.map(dutyShiftView) };
    },
  );

  app.delete(
    '/duty-shifts/:id',
    { schema: { tags, security, params: IdParams, response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) } } },
    async (request, reply) => {
      await removeDutyShift(db, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/reports/sla',
    {
      schema: {
        tags,
        security,
        description: 'Per priority, tickets registered in [from, to): first response and resolution achieved vs breached, median times.',
        querystring: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            priorities: z.array(
              z.object({ priority: Priority, tickets: z.number().int(), firstResponse: ClockFigures, resolution: ClockFigures }),
            ),
          }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const from = new Date(request.query.from);
      const to = new Date(request.query.to);
      if (!(from < to))
        throw new DomainError('VALIDATION_FAILED', '`from` must be before `to`.', [
          { path: 'querystring.to', message: 'must be after from' },
        ]);
      return { from: from.toISOString(), to: to.toISOString(), priorities: await slaReport(db, from, to) };
    },
  );

  app.get(
    '/quality-reviews',
    {
      schema: {
        tags,
        security,
        description: 'SUP-7: the sampled resolved tickets and logged calls (with their recording) to score.',
        querystring: PageQuery.extend({ state: z.enum(QUALITY_REVIEW_STATES).default('pending') }),
        response: { 200: pageOf(QualityReviewView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, cursor, state } = request.query;
      const rows = await qualityReviews(db, state, pageRequest({ limit, cursor }));
      return toPage(
        rows,
        limit,
        (row) => row.createdAt,
        (row) => ({
          id: row.id,
          ticketNumber: row.ticket.number,
          channel: row.ticket.channel,
          recordingUrl: row.recordingUrl,
          score: row.score,
          comment: row.comment,
          reviewerId: row.reviewerId,
          createdAt: row.createdAt.toISOString(),
          reviewedAt: row.reviewedAt?.toISOString() ?? null,
        }),
      );
    },
  );

  app.post(
    '/quality-reviews/:id/score',
    {
      schema: {
        tags,
        security,
        params: IdParams,
        body: z.object({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(5000).optional() }),
        response: {
          200: z.object({ id: z.string(), score: z.number().int(), reviewedAt: z.string() }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const review = await scoreQualityReview(db, request.params.id, { ...request.body, reviewerId: currentUser(request).userId });
      return { id: review.id, score: review.score!, reviewedAt: review.reviewedAt!.toISOString() };
    },
  );
};

export default supportAdminRoutes;
