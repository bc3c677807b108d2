-- Open-work counts and the unassigned queue go by status first. The (ticket_type, status, id)
-- index matched every incident by type alone, and PostgreSQL would AND it into the SLA range
-- queries at a high cost; the type is better read from the SLA indexes themselves, so that
-- "breached this month" and "breaching in the next hour" are answered from one index each.
DROP INDEX IF EXISTS sd_ticket_status_idx;
CREATE INDEX IF NOT EXISTS sd_ticket_open_idx ON sd_ticket (status, assignee);
DROP INDEX IF EXISTS sd_ticket_breached_at_idx;
CREATE INDEX IF NOT EXISTS sd_ticket_breach_idx ON sd_ticket (breached_at, ticket_type);
DROP INDEX IF EXISTS sd_ticket_next_due_idx;
CREATE INDEX IF NOT EXISTS sd_ticket_due_idx ON sd_ticket (next_due, ticket_type);
