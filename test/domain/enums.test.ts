import { describe, expect, it } from 'vitest';
import * as db from '../../generated/prisma/enums.ts';
import { ROLES } from '../../domain/accounts/roles.ts';
import { CALENDAR_DAY_KINDS } from '../../domain/calendar.ts';
import { CARD_RECORDED_STATES } from '../../domain/card-moderation/contract.ts';
import { CONSULTATION_STATUSES } from '../../domain/consultations/contract.ts';
import { LEDGER_ACCOUNT_KINDS, PAYMENT_STATUSES } from '../../domain/money-contract.ts';
import { SERVICE_KINDS } from '../../domain/orders/model.ts';
import { ORDER_DOCUMENT_ROLES } from '../../domain/orders/enums.ts';
import { QUESTION_TOPICS } from '../../domain/questions/topics.ts';
import { PRIORITIES } from '../../domain/sla.ts';
import { FEEDBACK_CATEGORIES, TICKET_CHANNELS, TICKET_STATUSES } from '../../domain/tickets/contract.ts';
import { PRACTICE_AREAS, SPECIALIST_LANGUAGES } from '../../domain/specialists/profile.ts';
import { PORTFOLIO_ITEM_KINDS } from '../../domain/specialists/portfolio.ts';
import { VERIFICATION_KINDS, VERIFICATION_STATES } from '../../domain/verification/contract.ts';

// Each enum is one list in domain/; the database spells the same values in prisma/schema.prisma.
// The two must never drift: a value the API accepts but the database refuses is a 500.
describe('domain enums and the database enums', () => {
  it.each([
    ['Role', ROLES, db.Role],
    ['VerificationKind', VERIFICATION_KINDS, db.VerificationKind],
    ['VerificationStatus', VERIFICATION_STATES, db.VerificationStatus],
    ['LedgerAccountKind', LEDGER_ACCOUNT_KINDS, db.LedgerAccountKind],
    ['PaymentStatus', PAYMENT_STATUSES, db.PaymentStatus],
    ['TicketChannel', TICKET_CHANNELS, db.TicketChannel],
    ['TicketPriority', PRIORITIES, db.TicketPriority],
    ['TicketStatus', TICKET_STATUSES, db.TicketStatus],
    ['FeedbackCategory', FEEDBACK_CATEGORIES, db.FeedbackCategory],
    ['CalendarDayKind', CALENDAR_DAY_KINDS, db.CalendarDayKind],
    ['CardReviewStatus', CARD_RECORDED_STATES, db.CardReviewStatus],
    ['ServiceKind', SERVICE_KINDS, db.ServiceKind],
    ['OrderDocumentRole', ORDER_DOCUMENT_ROLES, db.OrderDocumentRole],
    ['PracticeArea', PRACTICE_AREAS, db.PracticeArea],
    ['SpecialistLanguage', SPECIALIST_LANGUAGES, db.SpecialistLanguage],
    ['ConsultationStatus', CONSULTATION_STATUSES, db.ConsultationStatus],
    ['PortfolioItemKind', PORTFOLIO_ITEM_KINDS, db.PortfolioItemKind],
    ['QuestionTopic', QUESTION_TOPICS, db.QuestionTopic],
  ] as const)('%s has the same values', (_name, domainList, databaseEnum) => {
    expect([...domainList].sort()).toEqual(Object.values(databaseEnum).sort());
  });
});
