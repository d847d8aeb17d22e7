-- Alerts (issue 8, second half): rules for spikes, failing or silent sources and the daily
-- digest; an escalation list on a rule (e.g. the commune leader on SLA breached); alerts that are
-- not incident events (their message is stored once, so every delivery sends the same text); and
-- the spike detector's memory (src/alerts/spike-scan.ts).
ALTER TABLE alert_rules DROP CONSTRAINT alert_rules_event_kind_check;
ALTER TABLE alert_rules ADD CONSTRAINT alert_rules_event_kind_check CHECK (event_kind IN (
  'incident_created', 'severity_raised', 'sla_due_soon', 'sla_breached',
  'spike', 'source_failing', 'source_silent', 'daily_digest'));
-- Extra (channel, recipient) pairs that also receive the rule's alerts, marked as escalations:
-- [{"channel_id": "3", "recipient": "chutich@xa.example"}].
ALTER TABLE alert_rules ADD COLUMN escalation_recipients jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE alert_rules ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- An alert that is not an incident event: a spike, a source turning failing / silent / back, a digest.
CREATE TABLE alerts (
  alert_key   text PRIMARY KEY,       -- 'spike-<id>', 'source-<id>-failing-<ms>', 'digest-YYYY-MM-DD'
  kind        text NOT NULL CHECK (kind IN ('spike', 'source_failing', 'source_silent', 'daily_digest')),
  -- What the cooldown counts per: the spike's series, the source.
  subject     text,
  message     jsonb NOT NULL,         -- {subject, text, html, data}
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alerts_kind_created_idx ON alerts (kind, created_at);

ALTER TABLE alert_deliveries ADD COLUMN subject text;
ALTER TABLE alert_deliveries ADD COLUMN escalated boolean NOT NULL DEFAULT false;
CREATE INDEX alert_deliveries_subject_cooldown_idx ON alert_deliveries (rule_id, subject, created_at) WHERE subject IS NOT NULL;

-- Spike detector state per series ('all', 'category:<c>', 'rule:<r>', 'source:<id>'): the
-- hysteresis survives restarts, so one spike is one alert.
CREATE TABLE spike_series (
  series      text PRIMARY KEY,
  in_spike    boolean NOT NULL DEFAULT false,
  started_at  timestamptz,
  calm_since  timestamptz,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Every spike: left out of its series' baseline; counted by the digest.
CREATE TABLE spikes (
  id              bigserial PRIMARY KEY,
  series          text NOT NULL,
  started_at      timestamptz NOT NULL,
  ended_at        timestamptz,
  window_minutes  integer NOT NULL,
  observed        integer NOT NULL,
  expected        double precision NOT NULL,
  p_value         double precision NOT NULL,
  UNIQUE (series, started_at)
);
CREATE INDEX spikes_started_idx ON spikes (started_at);

-- Source health as last alerted: an alert goes out on a change only.
CREATE TABLE source_alert_state (
  source_id   bigint PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
  failing     boolean NOT NULL DEFAULT false,
  silent      boolean NOT NULL DEFAULT false,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
