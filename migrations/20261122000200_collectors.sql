-- Collectors: source health beyond ok/failing, and the backoff that skips runs after repeated failures.
ALTER TABLE sources
  ADD COLUMN consecutive_failures  integer NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
  ADD COLUMN items_last_run        integer,
  ADD COLUMN backoff_until         timestamptz,   -- scheduled runs are skipped until then
  ADD COLUMN last_new_item_at      timestamptz;   -- last run that stored something new ("silent" detection)
