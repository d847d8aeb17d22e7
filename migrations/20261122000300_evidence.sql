-- Evidence of an incident (issue 5, item 5): what was seen of each member post — a full-page
-- screenshot and the HTML snapshot through Chromium (posts with a URL), the raw payload and the
-- text — stored content-addressed under DATA_DIR/evidence (src/storage/content-store.ts). A row
-- is one capture of one kind; a failed capture is a row with `error` and no blob, so every
-- attempt stays visible. Rows are facts: the database refuses UPDATE (a new capture adds a row).
CREATE TABLE evidence (
  id            bigserial PRIMARY KEY,
  incident_id   bigint NOT NULL REFERENCES incidents (id),
  post_id       bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  kind          text NOT NULL CHECK (kind IN ('screenshot', 'html', 'raw', 'text')),
  sha256        text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  bytes         integer CHECK (bytes >= 0),
  content_type  text,
  source_url    text,                       -- the page captured (screenshot, html), after redirects
  captured_at   timestamptz NOT NULL DEFAULT now(),
  error         text,
  CHECK ((error IS NULL AND sha256 IS NOT NULL AND bytes IS NOT NULL AND content_type IS NOT NULL)
      OR (error IS NOT NULL AND sha256 IS NULL)),
  -- The same content of the same post and kind is listed once, at its first capture time.
  UNIQUE (post_id, kind, sha256)
);
CREATE INDEX evidence_incident_idx ON evidence (incident_id, captured_at);
CREATE INDEX evidence_sha256_idx ON evidence (sha256) WHERE sha256 IS NOT NULL;

CREATE FUNCTION evidence_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'evidence rows are never changed (% refused); capture again instead', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
  FOR EACH ROW EXECUTE FUNCTION evidence_no_update();
