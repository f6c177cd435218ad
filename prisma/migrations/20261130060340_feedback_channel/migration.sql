-- CreateEnum
CREATE TYPE "FeedbackCategory" AS ENUM ('chat', 'payment', 'specialist', 'bug', 'suggestion', 'other');

-- AlterEnum
ALTER TYPE "TicketChannel" ADD VALUE 'feedback';

-- AlterTable
ALTER TABLE "support_tickets" ADD COLUMN     "conversation_id" UUID,
ADD COLUMN     "feedback_category" "FeedbackCategory",
ADD COLUMN     "requester_user_id" UUID;

-- CreateIndex
CREATE INDEX "support_tickets_requester_user_id_registered_at_idx" ON "support_tickets"("requester_user_id", "registered_at");

-- CreateIndex
CREATE INDEX "support_tickets_conversation_id_idx" ON "support_tickets"("conversation_id");

