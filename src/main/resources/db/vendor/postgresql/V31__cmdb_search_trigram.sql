-- PostgreSQL's own text search for the search box: trigram indexes answer LIKE/ILIKE '%text%'
-- without reading every row. pg_trgm is a trusted extension (PostgreSQL 13 and later), so the
-- database's owner may create it. H2 has no such index: there the search reads the narrow column
-- (see README "Search").
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS ci_search_text_trgm_idx ON ci USING gin (search_text gin_trgm_ops);
