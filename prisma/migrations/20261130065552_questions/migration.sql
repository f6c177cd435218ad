-- CreateEnum
CREATE TYPE "QuestionTopic" AS ENUM ('architecture', 'interior', 'structural', 'landscape', 'engineering', 'permits', 'other');

-- CreateTable
CREATE TABLE "questions" (
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "topic" "QuestionTopic" NOT NULL,
    "attachment_file_ids" UUID[],
    "previous_question_id" UUID,
    "status" TEXT NOT NULL DEFAULT 'in_moderation',
    "currency" TEXT NOT NULL,
    "published_at" TIMESTAMPTZ(3),
    "chosen_specialist_id" UUID,
    "next_deadline_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "state" JSONB,
    "workflow_input" JSONB NOT NULL,
    "workflow_start_pending_since" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "questions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "question_entries" (
    "id" UUID NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "question_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "author_id" UUID,
    "body" TEXT NOT NULL,
    "file_ids" UUID[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "question_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "question_answers" (
    "id" UUID NOT NULL,
    "question_id" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "specialist_id" UUID NOT NULL,
    "preview_body" TEXT,
    "preview_file_ids" UUID[],
    "full_body" TEXT NOT NULL,
    "full_file_ids" UUID[],
    "digest" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),
    "unlocked_at" TIMESTAMPTZ(3),
    "complaint_opened_at" TIMESTAMPTZ(3),

    CONSTRAINT "question_answers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "question_ratings" (
    "question_id" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "specialist_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "question_ratings_pkey" PRIMARY KEY ("question_id","round")
);

-- CreateTable
CREATE TABLE "question_escalations" (
    "id" UUID NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "question_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by_id" UUID,

    CONSTRAINT "question_escalations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "questions_status_published_at_idx" ON "questions"("status", "published_at");

-- CreateIndex
CREATE INDEX "questions_topic_published_at_idx" ON "questions"("topic", "published_at");

-- CreateIndex
CREATE INDEX "questions_client_id_created_at_idx" ON "questions"("client_id", "created_at");

-- CreateIndex
CREATE INDEX "questions_chosen_specialist_id_idx" ON "questions"("chosen_specialist_id");

-- CreateIndex
CREATE INDEX "questions_status_next_deadline_at_idx" ON "questions"("status", "next_deadline_at");

-- CreateIndex
CREATE INDEX "questions_workflow_start_pending_since_idx" ON "questions"("workflow_start_pending_since");

-- CreateIndex
CREATE UNIQUE INDEX "question_entries_dedupe_key_key" ON "question_entries"("dedupe_key");

-- CreateIndex
CREATE INDEX "question_entries_question_id_created_at_idx" ON "question_entries"("question_id", "created_at");

-- CreateIndex
CREATE INDEX "question_answers_specialist_id_created_at_idx" ON "question_answers"("specialist_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "question_answers_question_id_round_key" ON "question_answers"("question_id", "round");

-- CreateIndex
CREATE INDEX "question_ratings_specialist_id_created_at_idx" ON "question_ratings"("specialist_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "question_escalations_dedupe_key_key" ON "question_escalations"("dedupe_key");

-- CreateIndex
CREATE INDEX "question_escalations_acknowledged_at_created_at_idx" ON "question_escalations"("acknowledged_at", "created_at");

-- CreateIndex
CREATE INDEX "question_escalations_question_id_idx" ON "question_escalations"("question_id");

