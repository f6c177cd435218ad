-- CreateTable
CREATE TABLE "support_duty_shifts" (
    "id" UUID NOT NULL,
    "supervisor_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "support_duty_shifts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "support_duty_shifts_starts_at_ends_at_idx" ON "support_duty_shifts"("starts_at", "ends_at");

