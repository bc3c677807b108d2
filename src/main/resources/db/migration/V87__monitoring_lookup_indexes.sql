-- Lookups the import and the engine make on every call or pass, which scanned every check:
-- the CSV import matches rows to checks by name; each node reads the checks it holds by lease owner.
CREATE INDEX IF NOT EXISTS mon_check_name_idx ON mon_check (name);
CREATE INDEX IF NOT EXISTS mon_check_status_lease_idx ON mon_check_status (lease_owner);
