-- Collision flags. Collisions themselves are computed when read (never stored, never stale); what
-- is stored is what each scheduled change's team has been told about, so that a collision the
-- change gains later (someone else scheduled over it, a freeze, the graph changed) is flagged and
-- emailed once.

-- A scheduled change being watched, since it was scheduled (or last edited): the collisions it had
-- then are its baseline, not news.
CREATE TABLE chg_collision_watch (
    change_id     BIGINT PRIMARY KEY REFERENCES chg_change (id) ON DELETE CASCADE,
    watched_since TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Each collision a watched change has had, by a stable signature (SHA-256 of kind, the other
-- change or freeze, and the path): gained = found after the baseline (flagged and emailed).
CREATE TABLE chg_collision_seen (
    change_id  BIGINT       NOT NULL REFERENCES chg_change (id) ON DELETE CASCADE,
    signature  VARCHAR(64)  NOT NULL,
    kind       VARCHAR(20)  NOT NULL,
    other      VARCHAR(40),
    gained     BOOLEAN      NOT NULL,
    first_seen TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (change_id, signature)
);

-- The collision candidates: open changes whose window overlaps (status first, then the window).
CREATE INDEX IF NOT EXISTS chg_change_status_window_idx ON chg_change (status, planned_start, planned_end);

-- Changes scheduled before flags existed: their collisions now are their baseline.
INSERT INTO chg_collision_watch (change_id, watched_since) SELECT id, updated_at FROM chg_change WHERE status = 'scheduled';
