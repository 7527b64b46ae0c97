/**
 * The HQ store's schema (PostgreSQL 15): the registered branches with the head of each one's decision-log
 * chain as HQ holds it, the bundles ingested, everything they carried, and the flags raised by refused
 * bundles. Created by `ensureHqSchema` (idempotent: IF NOT EXISTS); `hq_schema.version` says which.
 * Months are 'YYYY-MM' text, times the branch's ISO 8601 UTC text: they sort and group as text.
 */
export const HQ_SCHEMA_VERSION = 2;

export const HQ_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS hq_schema (version integer NOT NULL);

CREATE TABLE IF NOT EXISTS hq_branch (
  name text PRIMARY KEY,
  public_key text NOT NULL,
  key_id text NOT NULL,
  registered_at timestamptz NOT NULL DEFAULT now(),
  -- The last decision-log entry HQ holds for the branch: the next bundle must continue from it.
  head_seq integer NOT NULL DEFAULT 0,
  head_hash text NOT NULL DEFAULT '${'0'.repeat(64)}',
  -- The last month of the last bundle ingested: the next bundle's period starts after it.
  last_month text,
  flagged boolean NOT NULL DEFAULT false
);

-- Every bundle refused for what it holds (not for an unreadable folder): what was wrong, and when.
CREATE TABLE IF NOT EXISTS hq_branch_flag (
  flag_id bigserial PRIMARY KEY,
  branch text NOT NULL REFERENCES hq_branch (name),
  flagged_at timestamptz NOT NULL DEFAULT now(),
  bundle_sha256 text NOT NULL,
  problem text NOT NULL,
  message text NOT NULL
);

CREATE TABLE IF NOT EXISTS hq_bundle (
  -- sha256 of manifest.json: the manifest holds every file's hash, so it names the whole bundle.
  bundle_sha256 text PRIMARY KEY,
  branch text NOT NULL REFERENCES hq_branch (name),
  period_from text NOT NULL,
  period_to text NOT NULL,
  first_seq integer NOT NULL,
  last_seq integer NOT NULL,
  manifest jsonb NOT NULL,
  ingested_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS hq_decision_log (
  branch text NOT NULL REFERENCES hq_branch (name),
  seq integer NOT NULL,
  kind text NOT NULL,
  client_id bigint NOT NULL,
  decision text,
  override_direction text,
  reason_code text,
  comment text NOT NULL,
  model_decision text,
  probability double precision,
  threshold double precision,
  model_version text,
  refers_to integer,
  user_id integer NOT NULL,
  username text NOT NULL,
  entry_branch text NOT NULL,
  recorded_at text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  bundle_sha256 text NOT NULL REFERENCES hq_bundle (bundle_sha256),
  PRIMARY KEY (branch, seq)
);

CREATE TABLE IF NOT EXISTS hq_policy_change (
  branch text NOT NULL REFERENCES hq_branch (name),
  change_id integer NOT NULL,
  model_version text NOT NULL,
  previous double precision NOT NULL,
  threshold double precision NOT NULL,
  reason text NOT NULL,
  username text NOT NULL,
  changed_at text NOT NULL,
  PRIMARY KEY (branch, change_id)
);

CREATE TABLE IF NOT EXISTS hq_model_install (
  branch text NOT NULL REFERENCES hq_branch (name),
  install_id integer NOT NULL,
  action text NOT NULL,
  model_version text NOT NULL,
  sha256 text NOT NULL,
  previous_version text,
  username text NOT NULL,
  installed_at text NOT NULL,
  PRIMARY KEY (branch, install_id)
);

-- client_id: the branch's id as text, or its pseudonym (hex) when IT pseudonymises the bundles.
CREATE TABLE IF NOT EXISTS hq_score_event (
  branch text NOT NULL REFERENCES hq_branch (name),
  event_id integer NOT NULL,
  client_id text NOT NULL,
  month text NOT NULL,
  model_version text NOT NULL,
  probability double precision NOT NULL,
  threshold double precision NOT NULL,
  decision text NOT NULL,
  PRIMARY KEY (branch, event_id)
);

CREATE TABLE IF NOT EXISTS hq_activity_month (
  branch text NOT NULL REFERENCES hq_branch (name),
  month text NOT NULL,
  scored integer NOT NULL,
  model_granted integer NOT NULL,
  decided integer NOT NULL,
  final_granted integer NOT NULL,
  overrides integer NOT NULL,
  PRIMARY KEY (branch, month)
);

CREATE TABLE IF NOT EXISTS hq_officer_month (
  branch text NOT NULL REFERENCES hq_branch (name),
  month text NOT NULL,
  user_id integer NOT NULL,
  username text NOT NULL,
  display_name text NOT NULL,
  officer_branch text NOT NULL,
  decisions integer NOT NULL,
  overrides integer NOT NULL,
  to_grant integer NOT NULL,
  PRIMARY KEY (branch, month, user_id)
);

-- A model's reference bins (from its signed metadata): the same for every branch using that version.
CREATE TABLE IF NOT EXISTS hq_reference (
  model_version text NOT NULL,
  variable text NOT NULL,
  edges double precision[] NOT NULL,
  shares double precision[] NOT NULL,
  missing double precision NOT NULL,
  PRIMARY KEY (model_version, variable)
);

-- One month's clients of a branch counted in a variable's reference bins (variable '' is the score).
CREATE TABLE IF NOT EXISTS hq_drift_month (
  branch text NOT NULL REFERENCES hq_branch (name),
  month text NOT NULL,
  model_version text NOT NULL,
  variable text NOT NULL,
  rows integer NOT NULL,
  counts integer[] NOT NULL,
  PRIMARY KEY (branch, month, model_version, variable)
);

CREATE TABLE IF NOT EXISTS hq_fairness_month (
  branch text NOT NULL REFERENCES hq_branch (name),
  month text NOT NULL,
  attribute text NOT NULL,
  grp text NOT NULL,
  kind text NOT NULL,
  count integer NOT NULL,
  approved integer NOT NULL,
  PRIMARY KEY (branch, month, attribute, grp, kind)
);

CREATE TABLE IF NOT EXISTS hq_band_outcome (
  branch text NOT NULL REFERENCES hq_branch (name),
  month text NOT NULL,
  band text NOT NULL,
  clients integer NOT NULL,
  defaults integer NOT NULL,
  PRIMARY KEY (branch, month, band)
);

-- The outcome (TARGET) of a branch's client, as its latest bundle with outcomes gave it: bundles repeat
-- every known outcome, one row per client stays. client_id as in hq_score_event, so the two join.
CREATE TABLE IF NOT EXISTS hq_outcome (
  branch text NOT NULL REFERENCES hq_branch (name),
  client_id text NOT NULL,
  target smallint NOT NULL CHECK (target IN (0, 1)),
  bundle_sha256 text NOT NULL REFERENCES hq_bundle (bundle_sha256),
  PRIMARY KEY (branch, client_id)
);
`;

/** From each version to the next, for a store created by an earlier build (the tables above are created as they are now). */
export const HQ_SCHEMA_UPGRADES: Record<number, string> = {
  // 1 → 2: pseudonymised client ids are text.
  1: 'ALTER TABLE hq_score_event ALTER COLUMN client_id TYPE text USING client_id::text;',
};
