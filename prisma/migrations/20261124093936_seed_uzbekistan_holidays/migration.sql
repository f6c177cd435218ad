-- SUP-2: Uzbekistan's public holidays for 2026 and 2027, preloaded; admins edit them through
-- /v1/admin/support/calendar-days. The two Hayit dates follow the lunar calendar and are
-- fixed each year by the Muslim Board; the dates below are the expected ones and must be
-- confirmed. Days off moved by government decree are added by admins as they are announced.
INSERT INTO "support_calendar_days" ("date", "kind", "name") VALUES
  ('2026-01-01', 'holiday', 'New Year'),
  ('2026-03-08', 'holiday', 'International Women''s Day'),
  ('2026-03-20', 'holiday', 'Ramazon Hayit (expected)'),
  ('2026-03-21', 'holiday', 'Navruz'),
  ('2026-05-09', 'holiday', 'Day of Remembrance and Honour'),
  ('2026-05-27', 'holiday', 'Qurbon Hayit (expected)'),
  ('2026-09-01', 'holiday', 'Independence Day'),
  ('2026-10-01', 'holiday', 'Teachers'' and Instructors'' Day'),
  ('2026-12-08', 'holiday', 'Constitution Day'),
  ('2027-01-01', 'holiday', 'New Year'),
  ('2027-03-08', 'holiday', 'International Women''s Day'),
  ('2027-03-10', 'holiday', 'Ramazon Hayit (expected)'),
  ('2027-03-21', 'holiday', 'Navruz'),
  ('2027-05-09', 'holiday', 'Day of Remembrance and Honour'),
  ('2027-05-16', 'holiday', 'Qurbon Hayit (expected)'),
  ('2027-09-01', 'holiday', 'Independence Day'),
  ('2027-10-01', 'holiday', 'Teachers'' and Instructors'' Day'),
  ('2027-12-08', 'holiday', 'Constitution Day')
ON CONFLICT DO NOTHING;

-- Ticket numbers start at four digits so "T-1000" reads as a ticket number, not a count.
SELECT setval(pg_get_serial_sequence('support_tickets', 'number'), 1000, false);
