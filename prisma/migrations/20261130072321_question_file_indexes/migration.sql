-- CreateIndex
CREATE INDEX "questions_attachment_file_ids_idx" ON "questions" USING GIN ("attachment_file_ids");

-- CreateIndex
CREATE INDEX "question_entries_file_ids_idx" ON "question_entries" USING GIN ("file_ids");

-- CreateIndex
CREATE INDEX "question_answers_preview_file_ids_idx" ON "question_answers" USING GIN ("preview_file_ids");

-- CreateIndex
CREATE INDEX "question_answers_full_file_ids_idx" ON "question_answers" USING GIN ("full_file_ids");

