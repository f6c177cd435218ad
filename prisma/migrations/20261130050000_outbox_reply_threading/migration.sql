-- AlterTable
ALTER TABLE "outbox_emails" ADD COLUMN     "in_reply_to" TEXT,
ADD COLUMN     "reply_to" TEXT;

