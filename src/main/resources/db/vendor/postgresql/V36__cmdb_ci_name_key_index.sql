-- The CI list sorted by name (ascending or descending) walks this index. COLLATE "C": the key is
-- compared by code point, as on H2, whatever the database's collation (see SqlDialect).
CREATE INDEX IF NOT EXISTS ci_name_key_idx ON ci (name_key COLLATE "C", id);
