-- langnghe: the first schema. Never edit a migration once it has landed: add a new one.

CREATE TABLE commune_profile (
  id          smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  commune     text NOT NULL,
  aliases     jsonb NOT NULL DEFAULT '[]',
  places      jsonb NOT NULL DEFAULT '[]',
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id             bigserial PRIMARY KEY,
  username       text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{2,64}$'),
  display_name   text NOT NULL,
  password_hash  text NOT NULL,
  role           text NOT NULL CHECK (role IN ('admin', 'collaborator', 'reviewer')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  disabled_at    timestamptz
);

CREATE TABLE sessions (
  id_hash      text PRIMARY KEY,            -- sha256 of the cookie value; the value itself is never stored
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  id            bigserial PRIMARY KEY,
  name          text NOT NULL,
  token_hash    text NOT NULL UNIQUE,       -- sha256 of the token
  role          text NOT NULL CHECK (role IN ('admin', 'collaborator', 'reviewer')),
  user_id       bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz
);

CREATE TABLE sources (
  id                   bigserial PRIMARY KEY,
  name                 text NOT NULL,
  type                 text NOT NULL CHECK (type IN ('rss', 'facebook_page', 'web_page', 'manual')),
  config               jsonb NOT NULL DEFAULT '{}',
  enabled              boolean NOT NULL DEFAULT true,
  interval_seconds     integer NOT NULL DEFAULT 900 CHECK (interval_seconds BETWEEN 10 AND 86400),
  is_commune_channel   boolean NOT NULL DEFAULT false,
  health               text NOT NULL DEFAULT 'unknown' CHECK (health IN ('unknown', 'ok', 'failing')),
  last_error           text,
  last_checked_at      timestamptz,
  last_success_at      timestamptz,
  fetch_state          jsonb NOT NULL DEFAULT '{}',   -- ETag, Last-Modified, cursors
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sources_type_name_key ON sources (type, name);

CREATE TABLE posts (
  id                   bigserial PRIMARY KEY,
  source_id            bigint NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  external_id          text NOT NULL,
  url                  text,
  canonical_url        text,
  title                text,
  body                 text NOT NULL,
  author_hash          text,                -- keyed hash: authors are pseudonymised, never stored in clear
  published_at         timestamptz,
  collected_at         timestamptz NOT NULL DEFAULT now(),
  content_hash         text NOT NULL,
  engagement           integer NOT NULL DEFAULT 0,
  parent_external_id   text,                -- a comment's post on the same source
  raw                  jsonb NOT NULL DEFAULT '{}',
  UNIQUE (source_id, external_id)
);
CREATE INDEX posts_canonical_url_idx ON posts (canonical_url);
CREATE INDEX posts_collected_at_idx ON posts (collected_at);

CREATE TABLE rule_pack_versions (
  id          bigserial PRIMARY KEY,
  pack        jsonb NOT NULL,
  note        text,
  created_by  bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  active      boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX rule_pack_versions_one_active ON rule_pack_versions (active) WHERE active;

CREATE TABLE analyses (
  post_id            bigint PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
  analyzed_at        timestamptz NOT NULL DEFAULT now(),
  flag               boolean NOT NULL,
  categories         text[] NOT NULL DEFAULT '{}',
  about              boolean NOT NULL,
  sentiment_label    text NOT NULL CHECK (sentiment_label IN ('negative', 'neutral', 'positive')),
  sentiment_score    real NOT NULL,
  offensive          boolean NOT NULL,
  severity           text CHECK (severity IN ('critical', 'high', 'medium', 'low')),
  matches            jsonb NOT NULL DEFAULT '[]',
  rule_pack_version  bigint REFERENCES rule_pack_versions (id) ON DELETE SET NULL
);
CREATE INDEX analyses_flag_idx ON analyses (analyzed_at) WHERE flag;

CREATE TABLE incidents (
  id                bigserial PRIMARY KEY,
  title             text NOT NULL,
  category          text NOT NULL,
  severity          text NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
  status            text NOT NULL DEFAULT 'new'
                    CHECK (status IN ('new', 'acknowledged', 'in_progress', 'on_hold', 'resolved', 'dismissed')),
  link_key          text,                   -- canonical URL that groups posts of one story
  assignee_id       bigint REFERENCES users (id) ON DELETE SET NULL,
  version           integer NOT NULL DEFAULT 1,   -- optimistic concurrency for the workflow
  detected_at       timestamptz NOT NULL DEFAULT now(),
  ack_due_at        timestamptz,
  resolve_due_at    timestamptz,
  acknowledged_at   timestamptz,
  resolved_at       timestamptz,
  dismissed_at      timestamptz,
  dismiss_reason    text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incidents_open_link_idx ON incidents (link_key) WHERE status NOT IN ('resolved', 'dismissed');
CREATE INDEX incidents_status_idx ON incidents (status, resolve_due_at);

CREATE TABLE incident_posts (
  incident_id  bigint NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  post_id      bigint NOT NULL UNIQUE REFERENCES posts (id) ON DELETE CASCADE,  -- a post belongs to one incident
  reason       text NOT NULL CHECK (reason IN ('opened', 'same_link', 'near_duplicate', 'same_thread', 'manual')),
  added_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (incident_id, post_id)
);

-- The audit trail: append-only, enforced by the database itself.
CREATE TABLE incident_events (
  id            bigserial PRIMARY KEY,
  incident_id   bigint NOT NULL REFERENCES incidents (id),
  at            timestamptz NOT NULL DEFAULT now(),
  actor_user_id bigint REFERENCES users (id),
  actor         text NOT NULL,              -- 'system' or the username at the time
  type          text NOT NULL,
  before        jsonb,
  after         jsonb,
  note          text
);
CREATE INDEX incident_events_incident_idx ON incident_events (incident_id, at);

CREATE FUNCTION incident_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'incident_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER incident_events_no_update BEFORE UPDATE OR DELETE ON incident_events
  FOR EACH ROW EXECUTE FUNCTION incident_events_append_only();
CREATE TRIGGER incident_events_no_truncate BEFORE TRUNCATE ON incident_events
  FOR EACH STATEMENT EXECUTE FUNCTION incident_events_append_only();
