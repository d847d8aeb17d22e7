-- Retention and privacy (issue 9, item 6). A post's content is purged, never its row: the row
-- (source, external id, dates, content hash) stays as a tombstone so the post is not collected
-- again, and its analysis (categories, sentiment, severity) and incident membership stay for the
-- reports. `purge_reason` says why: the retention job (unlinked posts, posts of old dismissed
-- incidents) or a person's request (`npm run cli -- forget-post`).
ALTER TABLE posts
  ADD COLUMN content_purged_at  timestamptz,
  ADD COLUMN purge_reason       text CHECK (purge_reason IN ('retention_unlinked', 'retention_dismissed', 'request')),
  ADD CONSTRAINT posts_purge_marked_check CHECK ((content_purged_at IS NULL) = (purge_reason IS NULL));
-- The retention job walks the posts not yet purged, oldest first.
CREATE INDEX posts_unpurged_collected_idx ON posts (collected_at, id) WHERE content_purged_at IS NULL;

-- An incident whose title (an excerpt of its first post) was purged with its posts.
ALTER TABLE incidents ADD COLUMN content_purged_at timestamptz;

-- Who asked for a post's content to be deleted, when and why. No foreign key: the record outlives
-- the post (a source deleted with its posts). Append-only, like the incident audit trail.
CREATE TABLE post_erasures (
  id           bigserial PRIMARY KEY,
  post_id      bigint NOT NULL,
  requested_by text NOT NULL,
  reason       text,
  erased_at    timestamptz NOT NULL DEFAULT now(),
  files_deleted integer NOT NULL DEFAULT 0 CHECK (files_deleted >= 0)
);
CREATE INDEX post_erasures_post_idx ON post_erasures (post_id);

CREATE FUNCTION post_erasures_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'post_erasures is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER post_erasures_no_update BEFORE UPDATE OR DELETE ON post_erasures
  FOR EACH ROW EXECUTE FUNCTION post_erasures_append_only();
