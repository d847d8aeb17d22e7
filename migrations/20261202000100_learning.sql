-- The analyzer learns from the team (issue 13): labelled examples from triage decisions and
-- imports, learned model versions (like rule packs: one active, rollback by activating another),
-- and what the model saw in each analysis.

CREATE TABLE training_examples (
  id           bigserial PRIMARY KEY,
  -- One example per post (its latest decision wins) or per imported text: 'post:<id>' | 'text:<sha256>'.
  example_key  text NOT NULL UNIQUE,
  text         text NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
  flag         boolean NOT NULL,
  -- NULL: the decision says nothing about categories (e.g. "not about the commune").
  categories   text[],
  polarity     text CHECK (polarity IN ('negative', 'neutral', 'positive')),
  about        boolean,
  origin       text NOT NULL CHECK (origin IN ('resolved', 'false_positive', 'out_of_scope', 'reclassified', 'manual_incident', 'import')),
  post_id      bigint REFERENCES posts (id) ON DELETE CASCADE,
  incident_id  bigint REFERENCES incidents (id) ON DELETE SET NULL,
  -- Who made the decision (for the admin list); never a feature of the model.
  decided_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX training_examples_created_idx ON training_examples (id DESC);
CREATE INDEX training_examples_origin_idx ON training_examples (origin, id DESC);
CREATE INDEX training_examples_post_idx ON training_examples (post_id) WHERE post_id IS NOT NULL;

CREATE TABLE model_versions (
  id                  bigserial PRIMARY KEY,
  -- 'manual:<uuid>' for a retrain asked on the rules page, 'weekly:<ISO week>' for the scheduled one,
  -- 'cli:<sha256>' for a file stored from the command line: a rerun of a job finds its row.
  request_key         text NOT NULL UNIQUE,
  origin              text NOT NULL CHECK (origin IN ('manual', 'weekly', 'cli')),
  status              text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'training', 'ready', 'failed')),
  error               text,
  -- The model file (langnghe-model/1), once trained.
  model               text,
  examples            integer,
  added_examples      integer,
  cv_flag_f1          real,
  cv_category_micro_f1 real,
  cv_polarity_acc     real,
  rule_pack_version   bigint REFERENCES rule_pack_versions (id) ON DELETE SET NULL,
  note                text,
  requested_by        bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  trained_at          timestamptz,
  active              boolean NOT NULL DEFAULT false,
  activated_at        timestamptz,
  CHECK (NOT active OR status = 'ready')
);
CREATE UNIQUE INDEX model_versions_one_active ON model_versions (active) WHERE active;

ALTER TABLE analyses
  ADD COLUMN model_version bigint REFERENCES model_versions (id) ON DELETE SET NULL,
  -- What the learned model saw: scores, and the features behind a category no rule gave.
  ADD COLUMN model jsonb;
