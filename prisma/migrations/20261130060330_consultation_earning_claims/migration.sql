-- AlterTable
ALTER TABLE "specialist_earnings" ADD COLUMN     "blocked_reason" TEXT,
ADD COLUMN     "blocked_since" TIMESTAMPTZ(3),
ADD COLUMN     "reversed_amount" BIGINT NOT NULL DEFAULT 0;

