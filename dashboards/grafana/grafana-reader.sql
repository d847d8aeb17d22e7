-- The read-only role Grafana connects as: only the report view, the sentiment view and the columns
-- the report's function reads (no password hashes, sessions, tokens, source secrets, post bodies).
-- Safe to run again, and to re-run after every upgrade (a migration may read more columns):
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f dashboards/grafana/grafana-reader.sql
--   psql "$DATABASE_URL" -c "ALTER ROLE grafana_reader PASSWORD '…'"
-- tests/grafana.test.ts runs every dashboard panel as this role.
DO $$
BEGIN
  CREATE ROLE grafana_reader LOGIN;
EXCEPTION WHEN duplicate_object THEN
  NULL;
END
$$;
ALTER ROLE grafana_reader SET default_transaction_read_only = on;
ALTER ROLE grafana_reader SET statement_timeout = '30s';
DO $$
BEGIN
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO grafana_reader', current_database());
END
$$;
GRANT USAGE ON SCHEMA public TO grafana_reader;

-- What the dashboards query.
GRANT SELECT ON incident_report_facts, commune_post_sentiment TO grafana_reader;
-- incident_report_facts calls incident_report_facts_at(), which runs with the caller's rights: it
-- needs these columns.
GRANT SELECT (id, title, category, severity, status, assignee_id, detected_at, acknowledged_at, resolved_at,
              dismissed_at, dismiss_reason, ack_due_at, resolve_due_at) ON incidents TO grafana_reader;
GRANT SELECT (incident_id, started_at, ended_at, reason) ON incident_holds TO grafana_reader;
GRANT SELECT (incident_id, post_id, added_at) ON incident_posts TO grafana_reader;
GRANT SELECT (id, source_id) ON posts TO grafana_reader;
GRANT SELECT (id, type) ON sources TO grafana_reader;
GRANT SELECT (id, display_name) ON users TO grafana_reader;
-- A reply Graph confirmed on the fanpage is an incident's first response (20261202002100_fanpage_replies).
GRANT SELECT (incident_id, done_at, external_reply_id) ON incident_actions TO grafana_reader;
GRANT SELECT ON sla_policies, working_periods, holidays TO grafana_reader;
-- Flagged posts per category.
GRANT SELECT (post_id, analyzed_at, flag, categories) ON analyses TO grafana_reader;
