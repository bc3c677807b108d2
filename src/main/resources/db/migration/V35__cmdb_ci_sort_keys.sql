-- Two columns the CI list reads, kept by CiStore on every write: name_key, the name's natural-order
-- key (NaturalOrder: the sort by name, the same on both databases), and attribute_text, the
-- attribute values one per line (the list's text filter matches them). The keys are computed in
-- Java: CIs stored before this get them at start-up (CiDerivedTextBackfill).
ALTER TABLE ci ADD COLUMN name_key VARCHAR(1000);
ALTER TABLE ci ADD COLUMN attribute_text VARCHAR(100000);
