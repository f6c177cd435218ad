-- CreateEnum
CREATE TYPE "LedgerAccountKind" AS ENUM ('user', 'provider_clearing', 'escrow', 'revenue', 'refunds_payable', 'payouts');

-- CreateEnum
CREATE TYPE "LedgerTransferKind" AS ENUM ('posted', 'pending', 'post', 'void');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('pending', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "ledger_accounts" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "kind" "LedgerAccountKind" NOT NULL,
    "user_id" UUID,
    "currency" TEXT NOT NULL,
    "no_overdraft" BOOLEAN NOT NULL,
    "debits_pending" BIGINT NOT NULL DEFAULT 0,
    "debits_posted" BIGINT NOT NULL DEFAULT 0,
    "credits_pending" BIGINT NOT NULL DEFAULT 0,
    "credits_posted" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_operations" (
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_operations_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ledger_transfers" (
    "id" UUID NOT NULL,
    "operation_key" TEXT NOT NULL,
    "kind" "LedgerTransferKind" NOT NULL,
    "debit_account_id" UUID NOT NULL,
    "credit_account_id" UUID NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "pending_id" UUID,
    "description" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_transfers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "payer_user_id" UUID NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "notify_workflow_id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_payment_id" TEXT,
    "checkout_url" TEXT,
    "status" "PaymentStatus" NOT NULL DEFAULT 'pending',
    "settled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refunds" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "payment_id" UUID NOT NULL,
    "amount" BIGINT NOT NULL,
    "hold_transfer_id" UUID NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'pending',
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "refunds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "specialist_earnings" (
    "transfer_id" UUID NOT NULL,
    "specialist_user_id" UUID NOT NULL,
    "currency" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    "withdrawable_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "specialist_earnings_pkey" PRIMARY KEY ("transfer_id")
);

-- CreateTable
CREATE TABLE "withdrawals" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "specialist_user_id" UUID NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "month_seq" INTEGER,
    "hold_transfer_id" UUID NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'pending',
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "withdrawals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provider_events" (
    "provider" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_events_pkey" PRIMARY KEY ("provider","event_id")
);

-- CreateTable
CREATE TABLE "sandbox_acquirer_operations" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "payment_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "sandbox_acquirer_operations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ledger_accounts_code_key" ON "ledger_accounts"("code");

-- CreateIndex
CREATE INDEX "ledger_accounts_user_id_idx" ON "ledger_accounts"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_transfers_pending_id_key" ON "ledger_transfers"("pending_id");

-- CreateIndex
CREATE INDEX "ledger_transfers_debit_account_id_created_at_idx" ON "ledger_transfers"("debit_account_id", "created_at");

-- CreateIndex
CREATE INDEX "ledger_transfers_credit_account_id_created_at_idx" ON "ledger_transfers"("credit_account_id", "created_at");

-- CreateIndex
CREATE INDEX "ledger_transfers_operation_key_idx" ON "ledger_transfers"("operation_key");

-- CreateIndex
CREATE UNIQUE INDEX "payments_key_key" ON "payments"("key");

-- CreateIndex
CREATE UNIQUE INDEX "payments_provider_payment_id_key" ON "payments"("provider_payment_id");

-- CreateIndex
CREATE INDEX "payments_payer_user_id_created_at_idx" ON "payments"("payer_user_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "refunds_key_key" ON "refunds"("key");

-- CreateIndex
CREATE INDEX "refunds_payment_id_idx" ON "refunds"("payment_id");

-- CreateIndex
CREATE INDEX "specialist_earnings_specialist_user_id_currency_withdrawabl_idx" ON "specialist_earnings"("specialist_user_id", "currency", "withdrawable_at");

-- CreateIndex
CREATE UNIQUE INDEX "withdrawals_key_key" ON "withdrawals"("key");

-- CreateIndex
CREATE INDEX "withdrawals_specialist_user_id_created_at_idx" ON "withdrawals"("specialist_user_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "withdrawals_specialist_user_id_month_month_seq_key" ON "withdrawals"("specialist_user_id", "month", "month_seq");

-- CreateIndex
CREATE UNIQUE INDEX "sandbox_acquirer_operations_kind_reference_key" ON "sandbox_acquirer_operations"("kind", "reference");

-- AddForeignKey
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_transfers" ADD CONSTRAINT "ledger_transfers_operation_key_fkey" FOREIGN KEY ("operation_key") REFERENCES "ledger_operations"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_transfers" ADD CONSTRAINT "ledger_transfers_debit_account_id_fkey" FOREIGN KEY ("debit_account_id") REFERENCES "ledger_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_transfers" ADD CONSTRAINT "ledger_transfers_credit_account_id_fkey" FOREIGN KEY ("credit_account_id") REFERENCES "ledger_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_transfers" ADD CONSTRAINT "ledger_transfers_pending_id_fkey" FOREIGN KEY ("pending_id") REFERENCES "ledger_transfers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

