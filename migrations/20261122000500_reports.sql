-- Response-time reports (issue 7): the ONE definition of per-incident report facts, the settings of
-- the Party-committee report, and the log of scheduled deliveries.
--
-- incident_report_facts_at(as_of timestamptz, from_at timestamptz DEFAULT '-infinity',
-- to_at timestamptz DEFAULT 'infinity') — one row per incident detected in [from_at, to_at) and by
-- as_of, every fact evaluated as it stood at `as_of` (events after it are ignored). The view
-- incident_report_facts is every incident at now(). A report period is [from 00:00, to+1 00:00)
-- local time: incident_report_facts_at(now(), '2026-09-01 00:00+07', '2026-10-01 00:00+07').
-- Every figure of the report (API, page, CSV, XLSX, PDF, Grafana) is computed from these columns.
--
--   incident_id        bigint       incidents.id
--   title              text
--   category           text         incidents.category
--   severity           text         critical | high | medium | low
--   clock              text         calendar | working_hours (sla_policies.clock of the severity)
--   source_type        text         rss | facebook_page | web_page | manual: source of the incident's
--                                   first post (earliest incident_posts.added_at); 'unknown' if none
--   assignee_id        bigint       incidents.assignee_id (NULL: unassigned)
--   assignee_name      text         users.display_name (NULL: unassigned)
--   status             text         workflow status as stored now
--   detected_at        timestamptz  when the incident was filed; the period an incident belongs to
--   acknowledged_at    timestamptz  first response: acknowledged_at, else the resolution or the
--                                   dismissal when it was closed without an explicit acknowledgement;
--                                   NULL if none by as_of
--   resolved_at        timestamptz  NULL if not resolved by as_of
--   dismissed_at       timestamptz  NULL if not dismissed by as_of
--   dismiss_reason     text
--   handled_at         timestamptz  resolved_at, or dismissed_at when dismissed WITH a reason; NULL
--                                   when not handled by as_of
--   handled            boolean      handled_at IS NOT NULL
--   is_open            boolean      NOT handled (as of as_of)
--   ack_due_at         timestamptz  acknowledgement deadline (stored; holds already push it back)
--   resolve_due_at     timestamptz  resolution deadline (stored; holds already push it back)
--   on_hold            boolean      a hold is running at as_of (the SLA clock is stopped)
--   hold_minutes       float8       wall-clock minutes on hold between detected_at and handled_at
--                                   (or as_of while open)
--   paused_minutes     float8       the same holds measured in the incident's clock
--   ack_minutes        float8       clock minutes detected_at -> acknowledged_at, minus holds; NULL
--                                   if not acknowledged. Clock: calendar minutes for calendar
--                                   incidents; working minutes (working_periods, minus holidays)
--                                   for working_hours incidents
--   resolve_minutes    float8       clock minutes detected_at -> handled_at, minus holds; NULL if open
--   ack_in_time        boolean      acknowledged_at <= ack_due_at; NULL while not acknowledged and
--                                   not yet due
--   handled_in_time    boolean      handled and handled_at <= resolve_due_at
--   ack_breached       boolean      acknowledged after ack_due_at, or still not acknowledged when
--                                   the clock passed ack_due_at
--   resolve_breached   boolean      handled after resolve_due_at, or still open when the clock
--                                   passed resolve_due_at (the clock stops at a running hold's start)
--   breached           boolean      ack_breached OR resolve_breached
--   breach_reason      text         NULL | ack_late | resolve_late | overdue_open (ack_late only when
--                                   the resolution was not late as well)
--   ack_late_minutes   float8       calendar minutes past ack_due_at (acknowledged or as_of), else NULL
--   resolve_late_minutes float8     calendar minutes past resolve_due_at (handled or as_of), else NULL
--   hold_reasons       text         the hold reasons, '; '-separated, in order (NULL: never on hold)
--
-- commune_post_sentiment — posts ABOUT the commune (analyses.about) with their sentiment:
--   post_id, source_type, at (published_at, else collected_at), sentiment_label
--   (positive = "phủ xanh", negative, neutral).

-- Working minutes in [from_at, to_at): the working_periods of each local (Asia/Ho_Chi_Minh) day,
-- none on holidays. The same calendar as src/sla/working-time.ts.
CREATE FUNCTION working_minutes_between(from_at timestamptz, to_at timestamptz) RETURNS double precision
LANGUAGE sql STABLE AS $$
  SELECT COALESCE(sum(extract(epoch FROM LEAST(to_at, p.end_at) - GREATEST(from_at, p.start_at)) / 60), 0)::double precision
  FROM generate_series((from_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::timestamp,
                       (to_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::timestamp, interval '1 day') AS d (day)
  JOIN working_periods wp ON wp.weekday = extract(isodow FROM d.day)
  CROSS JOIN LATERAL (SELECT (d.day + wp.start_time) AT TIME ZONE 'Asia/Ho_Chi_Minh' AS start_at,
                             (d.day + wp.end_time) AT TIME ZONE 'Asia/Ho_Chi_Minh' AS end_at) p
  WHERE from_at < to_at
    AND NOT EXISTS (SELECT 1 FROM holidays h WHERE h.day = d.day::date)
    AND LEAST(to_at, p.end_at) > GREATEST(from_at, p.start_at)
$$;

-- Minutes in [from_at, to_at) in a clock: 'calendar' (wall clock) or 'working_hours'.
CREATE FUNCTION clock_minutes_between(clock text, from_at timestamptz, to_at timestamptz) RETURNS double precision
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN from_at IS NULL OR to_at IS NULL THEN NULL
    WHEN to_at <= from_at THEN 0::double precision
    WHEN clock = 'working_hours' THEN working_minutes_between(from_at, to_at)
    ELSE (extract(epoch FROM to_at - from_at) / 60)::double precision
  END
$$;

CREATE FUNCTION incident_report_facts_at(as_of timestamptz, from_at timestamptz DEFAULT '-infinity', to_at timestamptz DEFAULT 'infinity')
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
      i.dismiss_reason, i.ack_due_at, i.resolve_due_at, i.acknowledged_at AS raw_ack
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
      CASE WHEN h.raw_ack <= as_of THEN h.raw_ack ELSE LEAST(h.resolved_at, h.dismissed_at) END AS ack_at,
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

CREATE VIEW incident_report_facts AS SELECT * FROM incident_report_facts_at(now());

-- Reports select a period by detection time.
CREATE INDEX incidents_detected_at_idx ON incidents (detected_at);

CREATE VIEW commune_post_sentiment AS
SELECT p.id AS post_id, s.type AS source_type, COALESCE(p.published_at, p.collected_at) AS at, a.sentiment_label
FROM analyses a
JOIN posts p ON p.id = a.post_id
JOIN sources s ON s.id = p.source_id
WHERE a.about;

-- The header and signature of the Party-committee report, and where scheduled reports go.
-- NULL: a default derived from the commune profile (see src/reports/settings.ts).
CREATE TABLE report_settings (
  id                 smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  parent_committee   text,          -- e.g. 'ĐẢNG BỘ TỈNH THÁI NGUYÊN'
  committee          text,          -- e.g. 'ĐẢNG ỦY XÃ PHÚ ĐÔ'
  place              text,          -- the place on the date line: '<place>, ngày … tháng … năm …'
  signer_title       text,          -- e.g. 'T/M ĐẢNG ỦY' + 'BÍ THƯ'
  signer_name        text,
  -- alert_channels to send scheduled reports to; empty: every enabled e-mail channel.
  channel_ids        bigint[] NOT NULL DEFAULT '{}',
  updated_at         timestamptz NOT NULL DEFAULT now()
);

-- One scheduled report per (period kind, period start, channel), whatever retries or reruns.
CREATE TABLE report_deliveries (
  period_kind   text NOT NULL CHECK (period_kind IN ('month', 'quarter')),
  period_start  date NOT NULL,
  channel_id    bigint NOT NULL REFERENCES alert_channels (id) ON DELETE CASCADE,
  status        text NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent', 'failed')),
  error         text,
  attempts      integer NOT NULL DEFAULT 0,
  claimed_at    timestamptz,               -- when a run began sending it (a stale claim may be retaken)
  sent_at       timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (period_kind, period_start, channel_id)
);
