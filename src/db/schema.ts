// Table types for Kysely. Migrations are the source of truth; keep this in step with them.
import type { ColumnType, Generated, Insertable, JSONColumnType, Selectable, Updateable } from 'kysely';
import type { IncidentEventType } from '../incidents/incident-events.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;

export type Role = 'admin' | 'collaborator' | 'reviewer';
export type SourceType = 'rss' | 'facebook_page' | 'web_page' | 'manual';
export type SourceHealth = 'unknown' | 'ok' | 'failing';
export type IncidentStatus = 'new' | 'acknowledged' | 'in_progress' | 'on_hold' | 'resolved' | 'dismissed';

export interface CommuneProfileTable {
  id: Generated<number>;
  commune: string;
  aliases: Json<string[]>;
  places: Json<string[]>;
  updated_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  created_at: CreatedAt;
  disabled_at: Timestamp | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  name: string;
  token_hash: string;
  role: Role;
  user_id: string | null;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface SourcesTable {
  id: Generated<string>;
  name: string;
  type: SourceType;
  config: Json<Record<string, unknown>>;
  enabled: Generated<boolean>;
  interval_seconds: Generated<number>;
  is_commune_channel: Generated<boolean>;
  health: Generated<SourceHealth>;
  last_error: string | null;
  last_checked_at: Timestamp | null;
  last_success_at: Timestamp | null;
  fetch_state: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
  /** Added by 20261122000200_collectors. */
  consecutive_failures: Generated<number>;
  items_last_run: number | null;
  backoff_until: Timestamp | null;
  last_new_item_at: Timestamp | null;
  /** Added by 20261202002000_units: the unit whose page this is. */
  unit_id: string | null;
}

export interface PostsTable {
  id: Generated<string>;
  source_id: string;
  external_id: string;
  url: string | null;
  canonical_url: string | null;
  title: string | null;
  body: string;
  author_hash: string | null;
  published_at: Timestamp | null;
  collected_at: Generated<Date>;
  content_hash: string;
  engagement: Generated<number>;
  parent_external_id: string | null;
  raw: Json<Record<string, unknown>>;
  /** Added by 20261122000700_retention: set when the content was purged (a tombstone remains). */
  content_purged_at: Timestamp | null;
  purge_reason: PurgeReason | null;
}

export interface RulePackVersionsTable {
  id: Generated<string>;
  pack: Json<Record<string, unknown>>;
  note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  active: Generated<boolean>;
}

export interface AnalysesTable {
  post_id: string;
  analyzed_at: Generated<Date>;
  flag: boolean;
  categories: string[];
  about: boolean;
  sentiment_label: 'negative' | 'neutral' | 'positive';
  sentiment_score: number;
  offensive: boolean;
  severity: 'critical' | 'high' | 'medium' | 'low' | null;
  matches: Json<unknown[]>;
  rule_pack_version: string | null;
  /** Added by 20261202000100_learning: the model_versions row, or null for the shipped model / rules alone. */
  model_version: Generated<string | null>;
  /** What the learned model saw (ModelInsight), or null when rules alone analysed the post. */
  model: ColumnType<unknown | null, string | null | undefined, string | null>;
}

export interface IncidentsTable {
  id: Generated<string>;
  title: string;
  category: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  status: Generated<IncidentStatus>;
  link_key: string | null;
  assignee_id: string | null;
  version: Generated<number>;
  detected_at: Generated<Date>;
  ack_due_at: Timestamp | null;
  resolve_due_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  resolved_at: Timestamp | null;
  dismissed_at: Timestamp | null;
  dismiss_reason: string | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
  /** Added by 20261122000100_incident_workflow. */
  ack_warn_at: Timestamp | null;
  resolve_warn_at: Timestamp | null;
  ack_due_soon_at: Timestamp | null;
  ack_breached_at: Timestamp | null;
  resolve_due_soon_at: Timestamp | null;
  resolve_breached_at: Timestamp | null;
  hold_reason: string | null;
  locked_by: string | null;
  locked_by_user_id: string | null;
  locked_until: Timestamp | null;
  /** Added by 20261122000700_retention: the title (an excerpt of a post) was purged. */
  content_purged_at: Timestamp | null;
}

/** 20261122000100_incident_workflow: holds, actions, fingerprints, SLA policy and calendar. */
export interface IncidentHoldsTable {
  id: Generated<string>;
  incident_id: string;
  reason: string;
  started_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface IncidentActionsTable {
  id: Generated<string>;
  incident_id: string;
  type: 'replied_on_fanpage' | 'official_clarification' | 'reported_to_platform' | 'forwarded_to_agency' | 'met_citizen' | 'other';
  done_at: Timestamp;
  description: string | null;
  actor: string;
  actor_user_id: string | null;
  created_at: CreatedAt;
  /** Added by 20261202002100_fanpage_replies: a reply sent through Graph (which member post, the comment id Graph gave). */
  post_id: string | null;
  external_reply_id: string | null;
}

export interface PostFingerprintsTable {
  post_id: string;
  incident_id: string;
  signature: number[];
  bands: number[];
  seen_at: Timestamp;
}

export interface SlaPoliciesTable {
  severity: 'critical' | 'high' | 'medium' | 'low';
  ack_minutes: number;
  resolve_minutes: number;
  clock: 'calendar' | 'working_hours';
  due_soon_ratio: Generated<number>;
  updated_at: Generated<Date>;
}

export interface WorkingPeriodsTable {
  id: Generated<number>;
  weekday: number;
  /** 'HH:MM[:SS]' local time. */
  start_time: string;
  end_time: string;
}

export interface HolidaysTable {
  /** Local date; read it with to_char, pg would turn a date into a Date at local midnight. */
  day: ColumnType<Date, string, string>;
  name: string;
}

export interface IncidentFactsView {
  id: string;
  category: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  status: IncidentStatus;
  detected_at: Date;
  ack_due_at: Date | null;
  resolve_due_at: Date | null;
  acknowledged_at: Date | null;
  resolved_at: Date | null;
  dismissed_at: Date | null;
  dismiss_reason: string | null;
  handled_at: Date | null;
  handled_in_time: boolean;
  sla_outcome: 'in_time' | 'late' | 'overdue' | 'open';
  minutes_to_acknowledge: string | null;
  minutes_to_handle: string | null;
  minutes_on_hold: string;
}

export interface RuleFeedbackView {
  rule: string;
  hits: string;
  incident_hits: string;
  reviewed: string;
  false_positives: string;
}

export interface IncidentPostsTable {
  incident_id: string;
  post_id: string;
  reason: 'opened' | 'same_link' | 'near_duplicate' | 'same_thread' | 'manual';
  added_at: Generated<Date>;
}

export interface IncidentEventsTable {
  id: Generated<string>;
  incident_id: string;
  at: Generated<Date>;
  actor_user_id: string | null;
  actor: string;
  /** Written only as one of INCIDENT_EVENT_TYPES (src/incidents/incident-events.ts); read as stored. */
  type: ColumnType<string, IncidentEventType, never>;
  before: Json<Record<string, unknown>> | null;
  after: Json<Record<string, unknown>> | null;
  note: string | null;
}

/** 20261122000300_evidence: one capture of one kind of a member post; `error` set when it failed. */
export type EvidenceKind = 'screenshot' | 'html' | 'raw' | 'text';
export interface EvidenceTable {
  id: Generated<string>;
  incident_id: string;
  post_id: string;
  kind: EvidenceKind;
  sha256: string | null;
  bytes: number | null;
  content_type: string | null;
  source_url: string | null;
  captured_at: Timestamp;
  error: string | null;
}

/** 20261122000400_alerts: channels, rules for incident events, the scan's memory, the delivery log. */
export type AlertChannelType = 'telegram' | 'zalo' | 'email' | 'webhook';
export type AlertEventKind = 'incident_created' | 'severity_raised' | 'sla_due_soon' | 'sla_breached';
export type AlertDeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'suppressed';
export interface AlertChannelsTable {
  id: Generated<string>;
  type: AlertChannelType;
  name: string;
  config: Json<Record<string, unknown>>;
  enabled: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}
export interface AlertRulesTable {
  id: Generated<string>;
  name: string;
  event_kind: AlertRuleKind;
  min_severity: Generated<'critical' | 'high' | 'medium' | 'low'>;
  channel_ids: Generated<string[]>;
  recipients: Generated<string[]>;
  quiet_start: string | null;
  quiet_end: string | null;
  cooldown_minutes: Generated<number>;
  escalation: Generated<boolean>;
  enabled: Generated<boolean>;
  created_at: CreatedAt;
  /** Added by 20261122000600_alert_rules. */
  escalation_recipients: ColumnType<EscalationRecipient[], string | undefined, string>;
  updated_at: Generated<Date>;
}
export interface AlertEventsTable {
  event_id: string;
  planned_at: Generated<Date>;
}
export interface AlertDeliveriesTable {
  id: Generated<string>;
  alert_key: string;
  event_id: string | null;
  incident_id: string | null;
  rule_id: string | null;
  channel_id: string;
  recipient: string;
  status: Generated<AlertDeliveryStatus>;
  error: string | null;
  attempts: Generated<number>;
  not_before: Timestamp | null;
  claimed_at: Timestamp | null;
  sent_at: Timestamp | null;
  created_at: CreatedAt;
  /** Added by 20261122000600_alert_rules. */
  subject: string | null;
  escalated: Generated<boolean>;
}

/** 20261122000900_admin_audit: configuration changes, append-only. */
export interface AdminEventsTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor_user_id: string | null;
  actor: string;
  action: string;
  target_type: string;
  target_id: string | null;
  details: Json<Record<string, unknown>>;
}

/** 20261122000700_retention: why a post's content was purged, and who asked to erase one post. */
export type PurgeReason = 'retention_unlinked' | 'retention_dismissed' | 'request';
export interface PostErasuresTable {
  id: Generated<string>;
  post_id: string;
  requested_by: string;
  reason: string | null;
  erased_at: Generated<Date>;
  files_deleted: Generated<number>;
}

// migrations/20261122000500_reports.sql: the one definition of per-incident report facts.
export interface IncidentReportFactsView {
  incident_id: string;
  title: string;
  category: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  clock: 'calendar' | 'working_hours';
  source_type: SourceType | 'unknown';
  assignee_id: string | null;
  assignee_name: string | null;
  status: IncidentStatus;
  detected_at: Date;
  acknowledged_at: Date | null;
  resolved_at: Date | null;
  dismissed_at: Date | null;
  dismiss_reason: string | null;
  handled_at: Date | null;
  handled: boolean;
  is_open: boolean;
  ack_due_at: Date | null;
  resolve_due_at: Date | null;
  on_hold: boolean;
  hold_minutes: number;
  paused_minutes: number;
  ack_minutes: number | null;
  resolve_minutes: number | null;
  ack_in_time: boolean | null;
  handled_in_time: boolean;
  ack_breached: boolean;
  resolve_breached: boolean;
  breached: boolean;
  breach_reason: 'ack_late' | 'resolve_late' | 'overdue_open' | null;
  ack_late_minutes: number | null;
  resolve_late_minutes: number | null;
  hold_reasons: string | null;
}

export interface CommunePostSentimentView {
  post_id: string;
  source_type: SourceType;
  at: Date;
  sentiment_label: 'negative' | 'neutral' | 'positive';
}

export interface ReportSettingsTable {
  id: Generated<number>;
  parent_committee: string | null;
  committee: string | null;
  place: string | null;
  signer_title: string | null;
  signer_name: string | null;
  channel_ids: ColumnType<string[], string[] | undefined, string[]>;
  updated_at: Generated<Date>;
}

export interface ReportDeliveriesTable {
  period_kind: 'month' | 'quarter';
  period_start: ColumnType<string, string, string>;
  channel_id: string;
  status: Generated<'sending' | 'sent' | 'failed'>;
  error: string | null;
  attempts: Generated<number>;
  claimed_at: Timestamp | null;
  sent_at: Timestamp | null;
  created_at: CreatedAt;
}

/** 20261122000600_alert_rules: rules beyond incident events, stored alerts, spike and source state. */
export type AlertStandaloneKind = 'spike' | 'source_failing' | 'source_silent' | 'daily_digest';
export type AlertRuleKind = AlertEventKind | AlertStandaloneKind;
export interface EscalationRecipient {
  channel_id: string;
  recipient: string;
}
export interface AlertsTable {
  alert_key: string;
  kind: AlertStandaloneKind;
  subject: string | null;
  message: Json<{ subject: string; text: string; html: string; data: Record<string, unknown> }>;
  created_at: CreatedAt;
}
export interface SpikeSeriesTable {
  series: string;
  in_spike: Generated<boolean>;
  started_at: Timestamp | null;
  calm_since: Timestamp | null;
  updated_at: Generated<Date>;
}
export interface SpikesTable {
  id: Generated<string>;
  series: string;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  window_minutes: number;
  observed: number;
  expected: number;
  p_value: number;
}
export interface SourceAlertStateTable {
  source_id: string;
  failing: Generated<boolean>;
  silent: Generated<boolean>;
  updated_at: Generated<Date>;
}

// --- Added by 20261202000100_learning -------------------------------------------------------
export type ExampleOrigin = 'resolved' | 'false_positive' | 'out_of_scope' | 'reclassified' | 'manual_incident' | 'import';
export interface TrainingExamplesTable {
  id: Generated<string>;
  example_key: string;
  text: string;
  flag: boolean;
  categories: string[] | null;
  polarity: 'negative' | 'neutral' | 'positive' | null;
  about: boolean | null;
  origin: ExampleOrigin;
  post_id: string | null;
  incident_id: string | null;
  decided_by: string;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export type ModelOrigin = 'manual' | 'weekly' | 'cli';
export type ModelStatus = 'queued' | 'training' | 'ready' | 'failed';
export interface ModelVersionsTable {
  id: Generated<string>;
  request_key: string;
  origin: ModelOrigin;
  status: Generated<ModelStatus>;
  error: string | null;
  model: string | null;
  examples: number | null;
  added_examples: number | null;
  cv_flag_f1: number | null;
  cv_category_micro_f1: number | null;
  cv_polarity_acc: number | null;
  rule_pack_version: string | null;
  note: string | null;
  requested_by: string | null;
  created_at: CreatedAt;
  trained_at: Timestamp | null;
  active: Generated<boolean>;
  activated_at: Timestamp | null;
  /** 20261203000100_commune_figures: CommuneFigures (model-file.ts), or null. */
  commune_figures: ColumnType<unknown | null, string | null | undefined, string | null>;
}

/** 20261202002000_units, 20261202002100_fanpage_replies, 20261202002200_unit_page_facts: the commune's own channels. */
export type UnitKind = 'commune' | 'party_cell' | 'agency';
export interface UnitsTable {
  id: Generated<string>;
  name: string;
  kind: UnitKind;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}
export interface ChannelSettingsTable {
  id: Generated<number>;
  silent_days: Generated<number>;
  updated_at: Generated<Date>;
}
export interface UnitPageAlertStateTable {
  source_id: string;
  silent: Generated<boolean>;
  updated_at: Generated<Date>;
}
export interface UnitPageDailyStatsTable {
  source_id: string;
  /** Local date; read it with to_char. */
  day: ColumnType<Date, string, string>;
  posts: number;
  last_post_at: Timestamp | null;
  engagement: ColumnType<string, number, number>;
  citizen_comments: number;
  answered_comments: number;
  median_reply_minutes: number | null;
  computed_at: Generated<Date>;
}
export type FanpageReplyStatus = 'sending' | 'sent' | 'failed';
export interface FanpageRepliesTable {
  id: Generated<string>;
  idempotency_key: string;
  incident_id: string;
  post_id: string;
  message: string;
  status: FanpageReplyStatus;
  attempts: Generated<number>;
  claimed_at: Timestamp;
  external_reply_id: string | null;
  action_id: string | null;
  error_code: string | null;
  error: string | null;
  actor: string;
  actor_user_id: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}
export interface UnitPagePostsView {
  post_id: string;
  source_id: string;
  unit_id: string;
  at: Date;
  engagement: number;
  author_hash: string | null;
}
/** 20261202001000_post_search: the searchable form of a post (src/search/search-index.ts). */
export interface PostSearchTable {
  post_id: string;
  posted_at: Timestamp;
  /** tsvector input syntax on write (src/search/search-vector.ts). */
  vector: string;
}

export interface Database {
  commune_profile: CommuneProfileTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  sources: SourcesTable;
  posts: PostsTable;
  rule_pack_versions: RulePackVersionsTable;
  analyses: AnalysesTable;
  incidents: IncidentsTable;
  incident_posts: IncidentPostsTable;
  incident_events: IncidentEventsTable;
  incident_holds: IncidentHoldsTable;
  incident_actions: IncidentActionsTable;
  post_fingerprints: PostFingerprintsTable;
  sla_policies: SlaPoliciesTable;
  working_periods: WorkingPeriodsTable;
  holidays: HolidaysTable;
  incident_facts: IncidentFactsView;
  rule_feedback: RuleFeedbackView;
  evidence: EvidenceTable;
  alert_channels: AlertChannelsTable;
  alert_rules: AlertRulesTable;
  alert_events: AlertEventsTable;
  alert_deliveries: AlertDeliveriesTable;
  alerts: AlertsTable;
  spike_series: SpikeSeriesTable;
  spikes: SpikesTable;
  source_alert_state: SourceAlertStateTable;
  admin_events: AdminEventsTable;
  post_erasures: PostErasuresTable;
  incident_report_facts: IncidentReportFactsView;
  commune_post_sentiment: CommunePostSentimentView;
  report_settings: ReportSettingsTable;
  report_deliveries: ReportDeliveriesTable;
  training_examples: TrainingExamplesTable;
  model_versions: ModelVersionsTable;
  units: UnitsTable;
  channel_settings: ChannelSettingsTable;
  unit_page_alert_state: UnitPageAlertStateTable;
  unit_page_daily_stats: UnitPageDailyStatsTable;
  fanpage_replies: FanpageRepliesTable;
  unit_page_posts: UnitPagePostsView;
  post_search: PostSearchTable;
}

export type Source = Selectable<SourcesTable>;
export type NewSource = Insertable<SourcesTable>;
export type Post = Selectable<PostsTable>;
export type NewPost = Insertable<PostsTable>;
export type Incident = Selectable<IncidentsTable>;
export type IncidentUpdate = Updateable<IncidentsTable>;
export type User = Selectable<UsersTable>;
