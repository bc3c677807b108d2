-- H2 has no index that answers LIKE '%text%' (PostgreSQL has trigrams, V31), so the search box and
-- the CI list's text filter read every CI's search_text. Read from the CI rows that is a scan of the
-- whole table (tens of megabytes at 100,000 CIs, more than H2's cache, so read from disk: 100 ms and
-- up); read from this index, which holds only the text and the id, it is small enough to stay
-- in memory (about 10 ms). Queries that want the index select only the id.
CREATE INDEX IF NOT EXISTS ci_search_text_idx ON ci (search_text);
