-- Trigram indexes for finding tickets and problems by a word of their title or the reporter's name
-- (pg_trgm is created in V31).
CREATE INDEX IF NOT EXISTS sd_ticket_title_trgm_idx ON sd_ticket USING gin (title gin_trgm_ops);
CREATE INDEX IF NOT EXISTS sd_ticket_reporter_trgm_idx ON sd_ticket USING gin (reporter_name gin_trgm_ops);
CREATE INDEX IF NOT EXISTS sd_problem_title_trgm_idx ON sd_problem USING gin (title gin_trgm_ops);
