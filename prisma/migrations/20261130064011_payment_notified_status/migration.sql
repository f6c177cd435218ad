-- AlterTable
ALTER TABLE "payments" ADD COLUMN     "notified_status" "PaymentStatus";

-- Payments settled before this column existed were signalled by their webhook.
UPDATE "payments" SET "notified_status" = "status" WHERE "status" <> 'pending';
