-- The commune's own channels (issue 15): units (the commune, its party cells, its agencies), the
-- unit a source belongs to, the silent-page setting, and the memory of the silent-page alert.

-- A small admin list. kind: commune (Đảng ủy, HĐND, UBND xã), party_cell (chi bộ), agency (cơ quan, đơn vị).
CREATE TABLE units (
  id          bigserial PRIMARY KEY,
  name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  kind        text NOT NULL CHECK (kind IN ('commune', 'party_cell', 'agency')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX units_name_key ON units (lower(btrim(name)));

-- The unit whose page (or site) a source is. Deleting a unit leaves its sources without one.
ALTER TABLE sources ADD COLUMN unit_id bigint REFERENCES units (id) ON DELETE SET NULL;
CREATE INDEX sources_unit_idx ON sources (unit_id) WHERE unit_id IS NOT NULL;

-- One row: a unit page with no post of its own for silent_days days alerts (source_silent rules).
CREATE TABLE channel_settings (
  id           smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  silent_days  integer NOT NULL DEFAULT 7 CHECK (silent_days BETWEEN 1 AND 365),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
INSERT INTO channel_settings DEFAULT VALUES;

-- Whether a unit page was last alerted as silent: an alert goes out on a change only.
CREATE TABLE unit_page_alert_state (
  source_id   bigint PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
  silent      boolean NOT NULL DEFAULT false,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- What the daily channel-stats job computed for each unit page and local day (Asia/Ho_Chi_Minh):
-- the figures of unit_page_facts() over that day. Recomputed for the last days on every run
-- (comments and replies arrive late), so a row is the latest computation.
CREATE TABLE unit_page_daily_stats (
  source_id             bigint NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  day                   date NOT NULL,
  posts                 integer NOT NULL,
  last_post_at          timestamptz,
  engagement            bigint NOT NULL,
  citizen_comments      integer NOT NULL,
  answered_comments     integer NOT NULL,
  median_reply_minutes  double precision,
  computed_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source_id, day)
);
CREATE INDEX unit_page_daily_stats_day_idx ON unit_page_daily_stats (day);
