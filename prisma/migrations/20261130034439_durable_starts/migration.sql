-- AlterTable
ALTER TABLE "verification_requests" ADD COLUMN     "workflow_start_pending_since" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "idempotency_records" ADD COLUMN     "locked_until" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "catalogue_cards" ADD COLUMN     "workflow_start_pending_since" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "workflow_input" JSONB,
ADD COLUMN     "workflow_start_pending_since" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "verification_requests_workflow_start_pending_since_idx" ON "verification_requests"("workflow_start_pending_since");

-- CreateIndex
CREATE INDEX "catalogue_cards_workflow_start_pending_since_idx" ON "catalogue_cards"("workflow_start_pending_since");

-- CreateIndex
CREATE INDEX "orders_workflow_start_pending_since_idx" ON "orders"("workflow_start_pending_since");

