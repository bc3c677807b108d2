-- How the actor made the change when not in person: e.g. API token "deploy script" (#12).
ALTER TABLE audit_entry ADD COLUMN via VARCHAR(200);
