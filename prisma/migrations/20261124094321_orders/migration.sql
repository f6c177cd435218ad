-- CreateEnum
CREATE TYPE "ServiceKind" AS ENUM ('oral_advice', 'written_advice', 'document_review', 'document_preparation', 'translation', 'court_application', 'contract_template', 'subscription');

-- CreateEnum
CREATE TYPE "OrderDocumentRole" AS ENUM ('attachment', 'clarification', 'deliverable');

-- CreateTable
CREATE TABLE "catalogue_services" (
    "id" UUID NOT NULL,
    "kind" "ServiceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "price" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "per_page" BOOLEAN NOT NULL DEFAULT false,
    "doc_days" INTEGER,
    "commission_bps" INTEGER NOT NULL DEFAULT 2000,
    "contract_template_id" TEXT,
    "subscription_unit" TEXT,
    "subscription_periods" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "catalogue_services_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "orders" (
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "lawyer_id" UUID,
    "service_id" UUID NOT NULL,
    "previous_order_id" UUID,
    "kind" "ServiceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "price" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "commission_bps" INTEGER NOT NULL,
    "refund_policy_version" TEXT NOT NULL,
    "form" JSONB NOT NULL,
    "slot_at" TIMESTAMPTZ(3),
    "paid_at" TIMESTAMPTZ(3),
    "due_at" TIMESTAMPTZ(3),
    "overdue_since" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "refunded_amount" BIGINT,
    "state" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_documents" (
    "order_id" UUID NOT NULL,
    "file_id" UUID NOT NULL,
    "role" "OrderDocumentRole" NOT NULL,
    "pages" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_documents_pkey" PRIMARY KEY ("order_id","file_id")
);

-- CreateTable
CREATE TABLE "order_extra_items" (
    "order_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "agreed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "order_extra_items_pkey" PRIMARY KEY ("order_id","seq")
);

-- CreateIndex
CREATE INDEX "catalogue_services_active_kind_idx" ON "catalogue_services"("active", "kind");

-- CreateIndex
CREATE INDEX "orders_client_id_created_at_idx" ON "orders"("client_id", "created_at");

-- CreateIndex
CREATE INDEX "orders_lawyer_id_created_at_idx" ON "orders"("lawyer_id", "created_at");

-- CreateIndex
CREATE INDEX "orders_status_created_at_idx" ON "orders"("status", "created_at");

-- CreateIndex
CREATE INDEX "orders_overdue_since_idx" ON "orders"("overdue_since");

-- CreateIndex
CREATE INDEX "order_documents_file_id_idx" ON "order_documents"("file_id");

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "catalogue_services"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_documents" ADD CONSTRAINT "order_documents_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_extra_items" ADD CONSTRAINT "order_extra_items_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

