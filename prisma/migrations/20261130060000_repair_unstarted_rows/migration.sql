-- Issue 10: rows saved before durable starts existed may never have got their workflow (the
-- request died between the row and the start) and, with random ids, no retry can find them.
-- Mark every request still waiting for a decision as start-pending: the start sweep then
-- starts the missing workflows and, for rows whose workflow runs, finds it (USE_EXISTING) or
-- its closed run (REJECT_DUPLICATE) and only clears the mark. Orders saved before this change
-- carry no saved input to start from; they are left as they are.
UPDATE "verification_requests" SET "workflow_start_pending_since" = CURRENT_TIMESTAMP
 WHERE "status" = 'pending' AND "workflow_start_pending_since" IS NULL;

UPDATE "catalogue_cards" SET "workflow_start_pending_since" = CURRENT_TIMESTAMP
 WHERE "status" = 'in_review' AND "workflow_start_pending_since" IS NULL;
