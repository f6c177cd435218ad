// QA-1: the subjects a question may be about (Archi-help answers architects' questions). The
// administration deletes a question that fits none of them; `other` is for a question the
// moderator keeps although it fits no narrower subject.
export const QUESTION_TOPICS = ['architecture', 'interior', 'structural', 'landscape', 'engineering', 'permits', 'other'] as const;
export type QuestionTopic = (typeof QUESTION_TOPICS)[number];

// Everything said in a question's history (QA-1, QA-2): text lives in PostgreSQL, the workflow
// hears only the entry's id (a chatty question must never grow its history per message).
export const QUESTION_ENTRY_KINDS = [
  'question', // QA-1: the text and attachments as asked (the workflow's input names it)
  'clarification_request',
  'clarification_answer',
  'recommendation',
  'deletion_reason',
  'bid_explanation',
  'extras_proposal',
  'complaint_reason',
  'admin_note',
] as const;
export type QuestionEntryKind = (typeof QUESTION_ENTRY_KINDS)[number];
