-- CreateEnum
CREATE TYPE "ConsultationStatus" AS ENUM ('negotiating', 'awaiting_payment', 'in_session', 'ended', 'in_complaint', 'completed', 'refunded', 'partially_refunded', 'lapsed');

-- CreateTable
CREATE TABLE "consultations" (
    "id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "client_id" UUID NOT NULL,
    "specialist_id" UUID NOT NULL,
    "status" "ConsultationStatus" NOT NULL DEFAULT 'negotiating',
    "currency" TEXT NOT NULL,
    "commission_bps" INTEGER NOT NULL,
    "price" BIGINT,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "complaint_deadline" TIMESTAMPTZ(3),
    "complaint_opened_at" TIMESTAMPTZ(3),
    "complaint_decide_by" TIMESTAMPTZ(3),
    "next_deadline_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "state" JSONB,
    "workflow_input" JSONB NOT NULL,
    "workflow_start_pending_since" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "consultations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consultation_flags" (
    "id" UUID NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "consultation_id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "message_id" UUID NOT NULL,
    "sender_id" UUID NOT NULL,
    "kinds" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewed_at" TIMESTAMPTZ(3),
    "reviewed_by_id" UUID,
    "review_outcome" TEXT,
    "review_note" TEXT,

    CONSTRAINT "consultation_flags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consultation_escalations" (
    "id" UUID NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "consultation_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by_id" UUID,

    CONSTRAINT "consultation_escalations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "consultations_client_id_opened_at_idx" ON "consultations"("client_id", "opened_at");

-- CreateIndex
CREATE INDEX "consultations_specialist_id_opened_at_idx" ON "consultations"("specialist_id", "opened_at");

-- CreateIndex
CREATE INDEX "consultations_status_complaint_decide_by_idx" ON "consultations"("status", "complaint_decide_by");

-- CreateIndex
CREATE INDEX "consultations_workflow_start_pending_since_idx" ON "consultations"("workflow_start_pending_since");

-- CreateIndex
CREATE UNIQUE INDEX "consultations_conversation_id_seq_key" ON "consultations"("conversation_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "consultation_flags_dedupe_key_key" ON "consultation_flags"("dedupe_key");

-- CreateIndex
CREATE INDEX "consultation_flags_reviewed_at_created_at_idx" ON "consultation_flags"("reviewed_at", "created_at");

-- CreateIndex
CREATE INDEX "consultation_flags_sender_id_created_at_idx" ON "consultation_flags"("sender_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "consultation_escalations_dedupe_key_key" ON "consultation_escalations"("dedupe_key");

-- CreateIndex
CREATE INDEX "consultation_escalations_acknowledged_at_created_at_idx" ON "consultation_escalations"("acknowledged_at", "created_at");

-- AddForeignKey
ALTER TABLE "consultation_flags" ADD CONSTRAINT "consultation_flags_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consultation_escalations" ADD CONSTRAINT "consultation_escalations_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

