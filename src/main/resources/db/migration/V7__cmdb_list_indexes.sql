-- The CI list is filtered by class, status and criticality together (and counted): one index
-- answers the common combinations.
CREATE INDEX IF NOT EXISTS ci_class_status_criticality_idx ON ci (class_key, status, criticality);
