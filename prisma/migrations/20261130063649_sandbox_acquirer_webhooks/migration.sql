-- CreateTable
CREATE TABLE "sandbox_acquirer_webhooks" (
    "id" UUID NOT NULL,
    "operation_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "last_status" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sandbox_acquirer_webhooks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sandbox_acquirer_webhooks_operation_id_key" ON "sandbox_acquirer_webhooks"("operation_id");

-- CreateIndex
CREATE INDEX "sandbox_acquirer_webhooks_next_attempt_at_idx" ON "sandbox_acquirer_webhooks"("next_attempt_at");

