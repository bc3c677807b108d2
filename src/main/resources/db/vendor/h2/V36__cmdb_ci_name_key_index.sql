-- The CI list sorted by name (ascending or descending) walks this index (H2 compares by code point).
CREATE INDEX IF NOT EXISTS ci_name_key_idx ON ci (name_key, id);
