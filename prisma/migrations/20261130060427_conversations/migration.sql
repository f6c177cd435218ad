-- CreateTable
CREATE TABLE "conversations" (
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "specialist_id" UUID NOT NULL,
    "current_consultation_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_message_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation_messages" (
    "seq" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "sender_id" UUID,
    "kind" TEXT NOT NULL,
    "body" TEXT,
    "file_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "system_code" TEXT,
    "system_params" JSONB,
    "visible_to" UUID,
    "dedupe_key" TEXT,
    "flag_kinds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "consultation_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_messages_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "conversation_read_markers" (
    "conversation_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "last_read_seq" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conversation_read_markers_pkey" PRIMARY KEY ("conversation_id","user_id")
);

-- CreateIndex
CREATE INDEX "conversations_client_id_last_message_at_idx" ON "conversations"("client_id", "last_message_at");

-- CreateIndex
CREATE INDEX "conversations_specialist_id_last_message_at_idx" ON "conversations"("specialist_id", "last_message_at");

-- CreateIndex
CREATE UNIQUE INDEX "conversations_client_id_specialist_id_key" ON "conversations"("client_id", "specialist_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_messages_id_key" ON "conversation_messages"("id");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_messages_dedupe_key_key" ON "conversation_messages"("dedupe_key");

-- CreateIndex
CREATE INDEX "conversation_messages_conversation_id_seq_idx" ON "conversation_messages"("conversation_id", "seq");

-- CreateIndex
CREATE INDEX "conversation_messages_file_ids_idx" ON "conversation_messages" USING GIN ("file_ids");

-- CreateIndex
CREATE INDEX "conversation_read_markers_user_id_idx" ON "conversation_read_markers"("user_id");

-- AddForeignKey
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_read_markers" ADD CONSTRAINT "conversation_read_markers_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

