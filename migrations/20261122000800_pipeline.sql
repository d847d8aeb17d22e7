-- The pipeline at 1,000 posts/s: a comment joins its thread's incident by looking up the posts of
-- its thread (correlateFlaggedPost); without this index that lookup scanned every post of the source.
CREATE INDEX posts_thread_idx ON posts (source_id, parent_external_id) WHERE parent_external_id IS NOT NULL;
