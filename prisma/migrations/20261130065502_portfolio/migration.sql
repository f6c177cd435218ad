-- CreateEnum
CREATE TYPE "PortfolioItemKind" AS ENUM ('image', 'pdf');

-- CreateTable
CREATE TABLE "portfolio_items" (
    "id" UUID NOT NULL,
    "specialist_id" UUID NOT NULL,
    "file_id" UUID NOT NULL,
    "kind" "PortfolioItemKind" NOT NULL,
    "caption" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,
    "thumbnail_key" TEXT,
    "thumbnail_width" INTEGER,
    "thumbnail_height" INTEGER,
    "thumbnail_bytes" INTEGER,
    "web_key" TEXT,
    "web_width" INTEGER,
    "web_height" INTEGER,
    "web_bytes" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "portfolio_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "portfolio_items_file_id_key" ON "portfolio_items"("file_id");

-- CreateIndex
CREATE INDEX "portfolio_items_specialist_id_position_id_idx" ON "portfolio_items"("specialist_id", "position", "id");

