-- Open-work counts and the unassigned queue go by status first. The (ticket_type, status, id)
-- index matched every incident by type alone, and PostgreSQL would AND it into the SLA range
-- queries at a high cost; the type is better checked on the rows a range finds.
DROP INDEX IF EXISTS sd_ticket_status_idx;
CREATE INDEX IF NOT EXISTS sd_ticket_open_idx ON sd_ticket (status, assignee);
