-- One derived text per CI instead of two: search_text (name and attribute values, for the search
-- box) and attribute_text (values, for the CI list's text filter, which also matched the owner and
-- the description column by column, so PostgreSQL's trigram index could not serve it) become one
-- search_text holding the name, every attribute value, the owner and the description in lower case
-- (CiSearchText). The values are JSON, which SQL cannot read here: the text is cleared and
-- CiDerivedTextBackfill writes it again at start-up, a thousand CIs at a time.
ALTER TABLE ci DROP COLUMN attribute_text;
UPDATE ci SET search_text = NULL;
