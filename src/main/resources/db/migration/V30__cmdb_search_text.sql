-- What the search box looks in for a CI: its name and attribute values in lower case, one per line,
-- written with every change of the CI (CiSearchText). CIs with attributes that were stored before
-- this column get it at start-up (CiDerivedTextBackfill): their values are JSON, parsed in Java.
ALTER TABLE ci ADD COLUMN search_text VARCHAR(200000);
UPDATE ci SET search_text = LOWER(name) WHERE attributes IS NULL;
