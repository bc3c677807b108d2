-- An incident resolved as a duplicate names the incident it duplicates (monitoring folds a
-- symptom's own incident into its root cause's this way).
ALTER TABLE sd_ticket ADD COLUMN duplicate_of VARCHAR(20);
