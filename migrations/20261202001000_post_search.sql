-- Search over every collected post (issue 14). The searchable form of a post is computed by the
-- application — the analyzer's tokens of its text, folded (src/search/search-vector.ts) — and kept in
-- posts.search_vector: a tsvector of folded syllables with positions (config 'simple' semantics: the
-- lexemes are stored as given, nothing stemmed). Written when a post is stored; NULL for posts stored
-- before this migration (or by an older worker) until the `search-index` job fills it in, and again
-- when retention purges the content (the index must not keep what was deleted).
ALTER TABLE posts ADD COLUMN search_vector tsvector;

-- Candidates of a query: phrases (<->), prefixes (:*) and terms of the folded syllables.
CREATE INDEX posts_search_vector_idx ON posts USING gin (search_vector);

-- Search results, trends and the public-opinion report take a post at the time it was published,
-- else collected (as commune_post_sentiment does): newest first, and periods, read this index.
CREATE INDEX posts_posted_at_idx ON posts ((COALESCE(published_at, collected_at)) DESC, id DESC);

-- What the search-index job still has to do, found without scanning the table.
CREATE INDEX posts_search_pending_idx ON posts (id) WHERE search_vector IS NULL AND content_purged_at IS NULL;
