-- Search over every collected post (issue 14). The searchable form of a post is computed by the
-- application — the analyzer's tokens of its text, folded, with syllable pairs
-- (src/search/search-vector.ts) — and kept beside the post in post_search: a tsvector with
-- positions ('simple' semantics: lexemes stored as given, nothing stemmed) and the post's time.
--
-- It is written by the `search-index` job, a few seconds after a post is stored, in batches, not by
-- the insert of the post: maintaining the GIN index costs more than storing the post itself, and on
-- the collection path it held new posts back (the pipeline bench: p50 from 36 ms to 1.6 s at
-- 1,200 posts/s). Posts stored before this migration are indexed by the same job. Retention
-- deletes the row with the content (the index must not keep what was deleted).
CREATE TABLE post_search (
  post_id    bigint PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
  -- The post's time for search: published, else collected. Both are set once, never updated.
  posted_at  timestamptz NOT NULL,
  vector     tsvector NOT NULL
);
-- Candidates of a query: phrases (<->), prefixes (:*) and terms. The job that writes the rows also
-- merges the index's pending list right after, so a search never reads a long one.
CREATE INDEX post_search_vector_idx ON post_search USING gin (vector);
-- Newest first, and the search windows.
CREATE INDEX post_search_posted_idx ON post_search (posted_at DESC, post_id DESC);

-- Search without a query, trends and the public-opinion report take a post at the same time
-- (published, else collected), as commune_post_sentiment does.
CREATE INDEX posts_posted_at_idx ON posts ((COALESCE(published_at, collected_at)) DESC, id DESC);
