-- CreateEnum
CREATE TYPE "TicketChannel" AS ENUM ('web', 'email', 'telegram', 'phone');

-- CreateEnum
CREATE TYPE "TicketPriority" AS ENUM ('critical', 'high', 'medium', 'low');

-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('triage', 'in_progress', 'waiting_for_customer', 'resolved', 'closed');

-- CreateEnum
CREATE TYPE "MessageDirection" AS ENUM ('inbound', 'outbound');

-- CreateEnum
CREATE TYPE "CalendarDayKind" AS ENUM ('holiday', 'working_day');

-- CreateEnum
CREATE TYPE "CardReviewStatus" AS ENUM ('in_review', 'returned', 'approved');

-- CreateTable
CREATE TABLE "support_tickets" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "channel" "TicketChannel" NOT NULL,
    "priority" "TicketPriority" NOT NULL DEFAULT 'medium',
    "status" "TicketStatus" NOT NULL DEFAULT 'triage',
    "waiting_for" TEXT,
    "subject" TEXT NOT NULL,
    "contact_email" TEXT,
    "telegram_chat_id" TEXT,
    "contact_phone" TEXT,
    "customer_name" TEXT,
    "organisation" TEXT,
    "stir" TEXT,
    "assignee_id" UUID,
    "registered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "workflow_started_at" TIMESTAMPTZ(3),
    "first_response_due_at" TIMESTAMPTZ(3),
    "first_responded_at" TIMESTAMPTZ(3),
    "first_response_breached_at" TIMESTAMPTZ(3),
    "resolution_due_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "resolution_breached_at" TIMESTAMPTZ(3),
    "next_deadline_at" TIMESTAMPTZ(3),
    "recording_url" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "support_tickets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ticket_messages" (
    "id" UUID NOT NULL,
    "ticket_id" UUID NOT NULL,
    "channel" "TicketChannel" NOT NULL,
    "external_id" TEXT,
    "direction" "MessageDirection" NOT NULL,
    "author_id" UUID,
    "body" TEXT NOT NULL,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ticket_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ticket_events" (
    "id" UUID NOT NULL,
    "ticket_id" UUID NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "actor_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "detail" JSONB,

    CONSTRAINT "ticket_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support_calendar_days" (
    "date" DATE NOT NULL,
    "kind" "CalendarDayKind" NOT NULL DEFAULT 'holiday',
    "name" TEXT NOT NULL,

    CONSTRAINT "support_calendar_days_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "quality_reviews" (
    "id" UUID NOT NULL,
    "ticket_id" UUID NOT NULL,
    "recording_url" TEXT,
    "score" INTEGER,
    "comment" TEXT,
    "reviewer_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewed_at" TIMESTAMPTZ(3),

    CONSTRAINT "quality_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "catalogue_cards" (
    "id" UUID NOT NULL,
    "submitter_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "status" "CardReviewStatus" NOT NULL DEFAULT 'in_review',
    "round" INTEGER NOT NULL DEFAULT 1,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "review_due_at" TIMESTAMPTZ(3) NOT NULL,
    "errors" TEXT[],
    "reviewer_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "escalated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "catalogue_cards_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "support_tickets_number_key" ON "support_tickets"("number");

-- CreateIndex
CREATE INDEX "support_tickets_status_next_deadline_at_idx" ON "support_tickets"("status", "next_deadline_at");

-- CreateIndex
CREATE INDEX "support_tickets_workflow_started_at_registered_at_idx" ON "support_tickets"("workflow_started_at", "registered_at");

-- CreateIndex
CREATE INDEX "support_tickets_priority_registered_at_idx" ON "support_tickets"("priority", "registered_at");

-- CreateIndex
CREATE INDEX "ticket_messages_ticket_id_created_at_idx" ON "ticket_messages"("ticket_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "ticket_messages_channel_external_id_key" ON "ticket_messages"("channel", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "ticket_events_dedupe_key_key" ON "ticket_events"("dedupe_key");

-- CreateIndex
CREATE INDEX "ticket_events_ticket_id_at_idx" ON "ticket_events"("ticket_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "quality_reviews_ticket_id_key" ON "quality_reviews"("ticket_id");

-- CreateIndex
CREATE INDEX "quality_reviews_reviewed_at_created_at_idx" ON "quality_reviews"("reviewed_at", "created_at");

-- CreateIndex
CREATE INDEX "catalogue_cards_status_review_due_at_idx" ON "catalogue_cards"("status", "review_due_at");

-- CreateIndex
CREATE INDEX "catalogue_cards_submitter_id_created_at_idx" ON "catalogue_cards"("submitter_id", "created_at");

-- AddForeignKey
ALTER TABLE "ticket_messages" ADD CONSTRAINT "ticket_messages_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "support_tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "support_tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quality_reviews" ADD CONSTRAINT "quality_reviews_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "support_tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

