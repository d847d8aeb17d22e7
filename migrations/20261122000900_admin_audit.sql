-- Who changed the configuration, when, and what: users, tokens, commune profile, rule packs, SLA
-- settings, sources. Append-only like incident_events, so the board can trust it.
CREATE TABLE admin_events (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  actor_user_id bigint REFERENCES users (id),
  actor         text NOT NULL,              -- username, token name, or 'cli'
  action        text NOT NULL,              -- e.g. 'user.created', 'sla.policy_changed'
  target_type   text NOT NULL,
  target_id     text,
  details       jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX admin_events_at_idx ON admin_events (at DESC, id DESC);

CREATE FUNCTION admin_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'admin_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER admin_events_no_update BEFORE UPDATE OR DELETE ON admin_events
  FOR EACH ROW EXECUTE FUNCTION admin_events_append_only();
CREATE TRIGGER admin_events_no_truncate BEFORE TRUNCATE ON admin_events
  FOR EACH STATEMENT EXECUTE FUNCTION admin_events_append_only();
