-- Alerts (issue 8, first half): channels, rules for incident events, and the delivery log.
-- A channel's secrets (bot token, OA access token, SMTP URL with its password, webhook secret)
-- are sealed in `config` (AES-256-GCM, src/config/secrets.ts) and never leave through the API.
CREATE TABLE alert_channels (
  id          bigserial PRIMARY KEY,
  type        text NOT NULL CHECK (type IN ('telegram', 'zalo', 'email', 'webhook')),
  name        text NOT NULL,
  config      jsonb NOT NULL DEFAULT '{}'::jsonb,
  enabled     boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE alert_rules (
  id               bigserial PRIMARY KEY,
  name             text NOT NULL,
  event_kind       text NOT NULL CHECK (event_kind IN ('incident_created', 'severity_raised', 'sla_due_soon', 'sla_breached')),
  min_severity     text NOT NULL DEFAULT 'high' CHECK (min_severity IN ('critical', 'high', 'medium', 'low')),
  channel_ids      bigint[] NOT NULL DEFAULT '{}',
  -- Empty: each channel's own recipient (chat id, OA user id, address, the webhook URL).
  recipients       text[] NOT NULL DEFAULT '{}',
  -- Local time (Asia/Ho_Chi_Minh) HH:MM; both or neither; may wrap midnight. Critical ignores them.
  quiet_start      text CHECK (quiet_start ~ '^([01]\d|2[0-3]):[0-5]\d$'),
  quiet_end        text CHECK (quiet_end ~ '^([01]\d|2[0-3]):[0-5]\d$'),
  cooldown_minutes integer NOT NULL DEFAULT 0 CHECK (cooldown_minutes >= 0),
  -- An escalation rule (e.g. the commune leader on SLA breached): its messages say so.
  escalation       boolean NOT NULL DEFAULT false,
  enabled          boolean NOT NULL DEFAULT true,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
);

-- Incident events the alert scan has already planned (the scan's memory; see src/alerts/scan.ts).
CREATE TABLE alert_events (
  event_id    bigint PRIMARY KEY REFERENCES incident_events (id),
  planned_at  timestamptz NOT NULL DEFAULT now()
);
-- Events written before alerts existed are not alerted.
INSERT INTO alert_events (event_id) SELECT id FROM incident_events;
CREATE INDEX incident_events_alert_scan_idx ON incident_events (at)
  WHERE type IN ('created', 'severity_raised', 'sla_due_soon', 'sla_breached');

CREATE TABLE alert_deliveries (
  id            bigserial PRIMARY KEY,
  alert_key     text NOT NULL,              -- 'event-<incident_events.id>' or 'test-<uuid>'
  event_id      bigint REFERENCES incident_events (id),
  incident_id   bigint REFERENCES incidents (id),
  rule_id       bigint REFERENCES alert_rules (id) ON DELETE SET NULL,
  channel_id    bigint NOT NULL REFERENCES alert_channels (id) ON DELETE CASCADE,
  recipient     text NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'suppressed')),
  error         text,
  attempts      integer NOT NULL DEFAULT 0,
  not_before    timestamptz,                -- quiet hours: not sent before this
  claimed_at    timestamptz,
  sent_at       timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  -- The idempotency key: one message per (alert, channel, recipient), whatever retries.
  UNIQUE (alert_key, channel_id, recipient)
);
CREATE INDEX alert_deliveries_created_idx ON alert_deliveries (created_at DESC);
CREATE INDEX alert_deliveries_cooldown_idx ON alert_deliveries (rule_id, incident_id, created_at);
