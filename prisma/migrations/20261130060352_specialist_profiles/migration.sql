-- CreateEnum
CREATE TYPE "PracticeArea" AS ENUM ('civil', 'family', 'inheritance', 'criminal', 'labour', 'tax', 'business', 'land_property', 'housing', 'administrative', 'migration', 'customs', 'intellectual_property', 'consumer_protection', 'architecture');

-- CreateEnum
CREATE TYPE "SpecialistLanguage" AS ENUM ('uz', 'ru', 'az', 'uk', 'en');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "VerificationKind" ADD VALUE 'specialist_diploma';
ALTER TYPE "VerificationKind" ADD VALUE 'specialist_licence';
ALTER TYPE "VerificationKind" ADD VALUE 'advocate_certificate';

-- CreateTable
CREATE TABLE "specialist_profiles" (
    "user_id" UUID NOT NULL,
    "display_name" TEXT NOT NULL,
    "photo_file_id" UUID,
    "areas" "PracticeArea"[],
    "languages" "SpecialistLanguage"[],
    "city" TEXT NOT NULL,
    "years_of_practice" INTEGER NOT NULL,
    "biography" TEXT NOT NULL DEFAULT '',
    "price_amount" BIGINT NOT NULL,
    "price_currency" TEXT NOT NULL,
    "rating_count" INTEGER NOT NULL DEFAULT 0,
    "rating_sum" INTEGER NOT NULL DEFAULT 0,
    "rating_average_centi" INTEGER NOT NULL DEFAULT 0,
    "completed_consultations" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "specialist_profiles_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "specialist_ratings" (
    "source_key" TEXT NOT NULL,
    "specialist_id" UUID NOT NULL,
    "rater_id" UUID,
    "score" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "specialist_ratings_pkey" PRIMARY KEY ("source_key")
);

-- CreateTable
CREATE TABLE "specialist_completed_consultations" (
    "consultation_id" TEXT NOT NULL,
    "specialist_id" UUID NOT NULL,
    "completed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "specialist_completed_consultations_pkey" PRIMARY KEY ("consultation_id")
);

-- CreateIndex
CREATE INDEX "specialist_profiles_rating_average_centi_user_id_idx" ON "specialist_profiles"("rating_average_centi", "user_id");

-- CreateIndex
CREATE INDEX "specialist_profiles_price_amount_user_id_idx" ON "specialist_profiles"("price_amount", "user_id");

-- CreateIndex
CREATE INDEX "specialist_profiles_years_of_practice_user_id_idx" ON "specialist_profiles"("years_of_practice", "user_id");

-- CreateIndex
CREATE INDEX "specialist_profiles_completed_consultations_user_id_idx" ON "specialist_profiles"("completed_consultations", "user_id");

-- CreateIndex
CREATE INDEX "specialist_profiles_display_name_user_id_idx" ON "specialist_profiles"("display_name", "user_id");

-- CreateIndex
CREATE INDEX "specialist_ratings_specialist_id_created_at_idx" ON "specialist_ratings"("specialist_id", "created_at");

-- CreateIndex
CREATE INDEX "specialist_completed_consultations_specialist_id_idx" ON "specialist_completed_consultations"("specialist_id");

-- AddForeignKey
ALTER TABLE "specialist_profiles" ADD CONSTRAINT "specialist_profiles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

