-- "Which CIs are in maintenance at T?" (asked on every failed monitoring check) reads scheduled
-- and implementing changes by status and planned start.
CREATE INDEX IF NOT EXISTS chg_change_status_start_idx ON chg_change (status, planned_start, planned_end);
