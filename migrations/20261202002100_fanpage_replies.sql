-- Replies sent to the commune fanpage from an incident page (issue 15), and the response-time
-- report counting such a reply as the incident's first response.

-- A reply is recorded as a replied_on_fanpage action: which member post it answered, and the id
-- Graph gave the comment. external_reply_id is set only when Graph said the comment was created.
ALTER TABLE incident_actions
  ADD COLUMN post_id            bigint REFERENCES posts (id),
  ADD COLUMN external_reply_id  text;
CREATE INDEX incident_actions_sent_replies_idx ON incident_actions (incident_id, done_at) WHERE external_reply_id IS NOT NULL;

-- Every attempt to reply, keyed by the form's idempotency key: a double submit (or a retried
-- request) finds the row and posts nothing twice. status: sending (claimed, Graph being asked),
-- sent (Graph answered with the comment id), failed (Graph refused; the same key may try again).
CREATE TABLE fanpage_replies (
  id                 bigserial PRIMARY KEY,
  idempotency_key    text NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 8 AND 200),
  incident_id        bigint NOT NULL REFERENCES incidents (id),
  post_id            bigint NOT NULL REFERENCES posts (id),
  message            text NOT NULL CHECK (length(btrim(message)) > 0),
  status             text NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
  attempts           integer NOT NULL DEFAULT 1,
  claimed_at         timestamptz NOT NULL,
  external_reply_id  text,
  action_id          bigint REFERENCES incident_actions (id),
  error_code         text,
  error              text,
  actor              text NOT NULL,
  actor_user_id      bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  sent_at            timestamptz,
  CHECK (status <> 'sent' OR (external_reply_id IS NOT NULL AND sent_at IS NOT NULL))
);
CREATE INDEX fanpage_replies_post_idx ON fanpage_replies (post_id) WHERE status = 'sent';

-- incident_report_facts_at as defined in 20261122000500_reports.sql, with one change: the first
-- response (acknowledged_at) is the earliest of the explicit acknowledgement and the first reply
-- Graph confirmed on the fanpage (incident_actions.external_reply_id set), both by as_of; an
-- incident closed without either still counts as acknowledged when it was closed.
CREATE OR REPLACE FUNCTION incident_report_facts_at(as_of timestamptz, from_at timestamptz DEFAULT '-infinity', to_at timestamptz DEFAULT 'infinity')
RETURNS TABLE (
  incident_id bigint, title text, category text, severity text, clock text, source_type text,
  assignee_id bigint, assignee_name text, status text,
  detected_at timestamptz, acknowledged_at timestamptz, resolved_at timestamptz, dismissed_at timestamptz,
  dismiss_reason text, handled_at timestamptz, handled boolean, is_open boolean,
  ack_due_at timestamptz, resolve_due_at timestamptz, on_hold boolean,
  hold_minutes double precision, paused_minutes double precision,
  ack_minutes double precision, resolve_minutes double precision,
  ack_in_time boolean, handled_in_time boolean, ack_breached boolean, resolve_breached boolean,
  breached boolean, breach_reason text, ack_late_minutes double precision, resolve_late_minutes double precision,
  hold_reasons text
)
LANGUAGE sql STABLE AS $$
  WITH base AS (
    SELECT
      i.id, i.title, i.category, i.severity, COALESCE(sp.clock, 'calendar') AS clock,
      COALESCE(src.type, 'unknown') AS source_type,
      i.assignee_id, u.display_name AS assignee_name, i.status, i.detected_at,
      CASE WHEN i.resolved_at <= as_of THEN i.resolved_at END AS resolved_at,
      CASE WHEN i.dismissed_at <= as_of THEN i.dismissed_at END AS dismissed_at,
      i.dismiss_reason, i.ack_due_at, i.resolve_due_at,
      LEAST(CASE WHEN i.acknowledged_at <= as_of THEN i.acknowledged_at END,
            (SELECT min(ia.done_at) FROM incident_actions ia
              WHERE ia.incident_id = i.id AND ia.external_reply_id IS NOT NULL AND ia.done_at <= as_of)) AS first_response
    FROM incidents i
    LEFT JOIN sla_policies sp ON sp.severity = i.severity
    LEFT JOIN users u ON u.id = i.assignee_id
    LEFT JOIN LATERAL (
      SELECT s.type FROM incident_posts ip JOIN posts p ON p.id = ip.post_id JOIN sources s ON s.id = p.source_id
      WHERE ip.incident_id = i.id ORDER BY ip.added_at, ip.post_id LIMIT 1
    ) src ON true
    WHERE i.detected_at <= as_of AND i.detected_at >= from_at AND i.detected_at < to_at
  ), handled AS (
    SELECT b.*,
      COALESCE(b.resolved_at, CASE WHEN b.dismiss_reason IS NOT NULL THEN b.dismissed_at END) AS handled_at
    FROM base b
  ), acked AS (
    SELECT h.*,
      COALESCE(h.first_response, LEAST(h.resolved_at, h.dismissed_at)) AS ack_at,
      (SELECT ho.started_at FROM incident_holds ho
        WHERE ho.incident_id = h.id AND ho.started_at <= as_of AND (ho.ended_at IS NULL OR ho.ended_at > as_of)
        ORDER BY ho.started_at DESC LIMIT 1) AS hold_running_since,
      (SELECT string_agg(ho.reason, '; ' ORDER BY ho.started_at) FROM incident_holds ho
        WHERE ho.incident_id = h.id AND ho.started_at <= as_of) AS hold_reasons
    FROM handled h
  ), measured AS (
    SELECT a.*,
      -- Holds clipped to [detected_at, end_at] in the wall clock and in the incident's clock.
      (SELECT COALESCE(sum(extract(epoch FROM LEAST(COALESCE(ho.ended_at, as_of), as_of, COALESCE(a.handled_at, as_of))
                                            - GREATEST(ho.started_at, a.detected_at)) / 60), 0)::double precision
        FROM incident_holds ho WHERE ho.incident_id = a.id
          AND LEAST(COALESCE(ho.ended_at, as_of), as_of, COALESCE(a.handled_at, as_of)) > GREATEST(ho.started_at, a.detected_at)) AS hold_minutes,
      (SELECT COALESCE(sum(clock_minutes_between(a.clock, GREATEST(ho.started_at, a.detected_at),
                                                 LEAST(COALESCE(ho.ended_at, as_of), as_of, COALESCE(a.handled_at, as_of)))), 0)::double precision
        FROM incident_holds ho WHERE ho.incident_id = a.id) AS paused_minutes,
      (SELECT COALESCE(sum(clock_minutes_between(a.clock, GREATEST(ho.started_at, a.detected_at),
                                                 LEAST(COALESCE(ho.ended_at, as_of), as_of, a.ack_at))), 0)::double precision
        FROM incident_holds ho WHERE ho.incident_id = a.id AND a.ack_at IS NOT NULL) AS paused_before_ack,
      -- Where the SLA clock stands at as_of: stopped at the start of a running hold.
      COALESCE(a.hold_running_since, as_of) AS clock_now
    FROM acked a
  )
  SELECT
    m.id, m.title, m.category, m.severity, m.clock, m.source_type, m.assignee_id, m.assignee_name, m.status,
    m.detected_at, m.ack_at, m.resolved_at, m.dismissed_at, m.dismiss_reason, m.handled_at,
    m.handled_at IS NOT NULL, m.handled_at IS NULL,
    m.ack_due_at, m.resolve_due_at, m.hold_running_since IS NOT NULL,
    m.hold_minutes, m.paused_minutes,
    CASE WHEN m.ack_at IS NOT NULL THEN GREATEST(clock_minutes_between(m.clock, m.detected_at, m.ack_at) - m.paused_before_ack, 0) END,
    CASE WHEN m.handled_at IS NOT NULL THEN GREATEST(clock_minutes_between(m.clock, m.detected_at, m.handled_at) - m.paused_minutes, 0) END,
    CASE WHEN m.ack_at IS NOT NULL THEN m.ack_at <= m.ack_due_at
         WHEN m.ack_due_at < m.clock_now THEN false END,
    COALESCE(m.handled_at <= m.resolve_due_at, false),
    f.ack_breached, f.resolve_breached, f.ack_breached OR f.resolve_breached,
    CASE WHEN f.resolve_breached AND m.handled_at IS NULL THEN 'overdue_open'
         WHEN f.resolve_breached THEN 'resolve_late'
         WHEN f.ack_breached THEN 'ack_late' END,
    CASE WHEN f.ack_breached THEN (extract(epoch FROM COALESCE(m.ack_at, m.clock_now) - m.ack_due_at) / 60)::double precision END,
    CASE WHEN f.resolve_breached THEN (extract(epoch FROM COALESCE(m.handled_at, m.clock_now) - m.resolve_due_at) / 60)::double precision END,
    m.hold_reasons
  FROM measured m
  CROSS JOIN LATERAL (
    SELECT
      COALESCE(CASE WHEN m.ack_at IS NOT NULL THEN m.ack_at > m.ack_due_at ELSE m.ack_due_at < m.clock_now END, false) AS ack_breached,
      COALESCE(CASE WHEN m.handled_at IS NOT NULL THEN m.handled_at > m.resolve_due_at ELSE m.resolve_due_at < m.clock_now END, false) AS resolve_breached
  ) f
$$;
