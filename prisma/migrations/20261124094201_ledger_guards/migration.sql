-- Hand-written guards of the ledger (PAY-3), kept apart from the generated migration because
-- schema.prisma cannot express them. Triggers, not CHECK constraints, so the catalog the
-- migrations test compares with schema.prisma stays the same.

-- Transfers are immutable: a mistake is corrected by a new, reversing transfer.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger transfers are immutable: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER ledger_transfers_immutable BEFORE UPDATE OR DELETE ON "ledger_transfers"
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_transfers_no_truncate BEFORE TRUNCATE ON "ledger_transfers"
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- A transfer moves a positive amount between two different accounts of its own currency.
CREATE FUNCTION ledger_check_transfer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.amount < 0 OR (NEW.amount = 0 AND NEW.kind IN ('posted', 'pending')) THEN
    RAISE EXCEPTION 'ledger transfer amount must be positive, got %', NEW.amount USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.debit_account_id = NEW.credit_account_id THEN
    RAISE EXCEPTION 'ledger transfer debits and credits the same account' USING ERRCODE = 'check_violation';
  END IF;
  IF (SELECT count(*) FROM "ledger_accounts"
       WHERE id IN (NEW.debit_account_id, NEW.credit_account_id) AND currency = NEW.currency) <> 2 THEN
    RAISE EXCEPTION 'ledger transfer currency % differs from its accounts''', NEW.currency USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.kind IN ('post', 'void')) <> (NEW.pending_id IS NOT NULL) THEN
    RAISE EXCEPTION 'only post and void transfers name a pending transfer' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER ledger_transfers_check BEFORE INSERT ON "ledger_transfers"
  FOR EACH ROW EXECUTE FUNCTION ledger_check_transfer();

-- Totals never go below zero, and a no-overdraft account (every user's) never spends more
-- than it has received: pending + posted debits <= posted credits. The application checks
-- this too; the trigger makes a bug there fail instead of corrupting balances.
CREATE FUNCTION ledger_check_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.debits_pending < 0 OR NEW.debits_posted < 0 OR NEW.credits_pending < 0 OR NEW.credits_posted < 0 THEN
    RAISE EXCEPTION 'ledger account % totals must not be negative', NEW.code USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.no_overdraft AND NEW.debits_pending + NEW.debits_posted > NEW.credits_posted THEN
    RAISE EXCEPTION 'ledger account % would be overdrawn', NEW.code USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.code, NEW.kind, NEW.currency, NEW.no_overdraft, NEW.user_id)
       IS DISTINCT FROM (OLD.code, OLD.kind, OLD.currency, OLD.no_overdraft, OLD.user_id) THEN
    RAISE EXCEPTION 'ledger account % identity is immutable', OLD.code USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER ledger_accounts_check BEFORE INSERT OR UPDATE ON "ledger_accounts"
  FOR EACH ROW EXECUTE FUNCTION ledger_check_account();
