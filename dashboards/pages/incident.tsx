// One incident: deadlines, assignee and soft lock, member posts with matched terms highlighted,
// evidence, what was done, the timeline, and the forms a collaborator uses to work it.
import type { IncidentStatus } from '../../src/db/schema.js';
import type { IncidentDetail } from '../../src/incidents/incident.repository.js';
import { postSegments } from '../../src/incidents/highlight.js';
import { ACTION_TYPES, DISMISS_REASONS, isClosedStatus, TRANSITIONS } from '../../src/incidents/workflow.js';
import { formatDateTime, formatDuration, label, vi } from '../i18n.js';
import { CATEGORIES, SEVERITIES } from '../../src/analysis/types.js';
import { Layout, type LayoutProps } from './layout.js';
import { FanpageReply, type ReplyForms } from './fanpage-reply.js';
import { Person } from './person.js';

const t = vi.incident;

export interface Flash {
  readonly kind: 'ok' | 'error';
  readonly text: string;
}

export interface IncidentPageProps {
  readonly user: NonNullable<LayoutProps['user']> & { csrfToken: string; username: string };
  readonly detail: IncidentDetail;
  readonly users: readonly { username: string; display_name: string }[];
  readonly canAct: boolean;
  readonly now: Date;
  readonly flash?: Flash | undefined;
  /** Offer to release the soft lock: its holder ("own"), or an admin over someone else's ("force"). */
  readonly unlock?: 'own' | 'force' | undefined;
  /** Members of the commune fanpage that can be answered from here (issue 15). */
  readonly replies?: ReplyForms | undefined;
}

/** "dd/mm/yyyy hh:mm (còn 3 giờ)" or "… (quá hạn 20 phút)". */
function Deadline({ due, done, now }: { due: Date | null; done: Date | null; now: Date }) {
  if (!due) return <span>{t.noDeadline}</span>;
  if (done) return <span>{formatDateTime(due)}</span>;
  const left = due.getTime() - now.getTime();
  return (
    <span class={left < 0 ? 'due overdue' : 'due'}>
      {formatDateTime(due)} · {left < 0 ? t.overdueBy(formatDuration(left)) : t.timeLeft(formatDuration(left))}
    </span>
  );
}

/** Hanoi wall-clock time for a datetime-local input (UTC+7 all year). */
function localInputValue(date: Date): string {
  return new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
}

function eventText(event: IncidentDetail['events'][number]) {
  const after = (event.after ?? {}) as Record<string, unknown>;
  const before = (event.before ?? {}) as Record<string, unknown>;
  const parts: (string | ReturnType<typeof Person>)[] = [];
  if (event.type === 'status_changed') {
    const transition = typeof after.transition === 'string' ? label(t.transitions, after.transition) : label(t.events, event.type);
    parts.push(transition);
    if (typeof before.status === 'string' && typeof after.status === 'string') {
      parts.push(`${label(vi.statuses, before.status)} → ${label(vi.statuses, after.status)}`);
    }
    if (typeof after.dismiss_reason === 'string') parts.push(label(t.dismissReasons, after.dismiss_reason));
    if (typeof after.reason === 'string') parts.push(after.reason);
  } else {
    parts.push(label(t.events, event.type));
    if (event.type === 'assigned') parts.push(typeof after.assignee === 'string' ? <Person name={event.assignee_name ?? after.assignee} login={after.assignee} /> : t.nobody);
    if (event.type === 'action_recorded' && typeof after.type === 'string') parts.push(label(t.actionTypes, after.type));
    if (event.type === 'action_recorded' && typeof after.external_reply_id === 'string') parts.push(vi.channels.reply.onFanpage);
    if (event.type === 'severity_raised' && typeof after.severity === 'string') parts.push(label(vi.severities, after.severity));
    if (event.type === 'reclassified') {
      if (typeof before.category === 'string' && typeof after.category === 'string') parts.push(`${label(vi.categories, before.category)} → ${label(vi.categories, after.category)}`);
      if (typeof before.severity === 'string' && typeof after.severity === 'string' && before.severity !== after.severity) {
        parts.push(`${label(vi.severities, before.severity)} → ${label(vi.severities, after.severity)}`);
      }
    }
    if ((event.type === 'sla_due_soon' || event.type === 'sla_breached') && typeof after.clock === 'string') parts.push(label(t.slaClocks, after.clock));
    if ((event.type === 'created' || event.type === 'post_added') && after.reason === 'manual') parts.push(t.manualReason);
  }
  return parts.map((part, k) => (
    <>
      {k > 0 ? ' · ' : ''}
      {part}
    </>
  ));
}

/** Why the learned model gave a category no rule gave (and which rule categories it did not keep). */
function ModelReasons({ insight }: { insight: unknown }) {
  if (!insight || typeof insight !== 'object') return null;
  const { added, dropped } = insight as { added?: unknown; dropped?: unknown };
  const addedList = (Array.isArray(added) ? added : []).filter(
    (a): a is { category: string; reasons: { text: string }[] } => typeof a?.category === 'string' && Array.isArray(a?.reasons),
  );
  const droppedList = (Array.isArray(dropped) ? dropped : []).filter((d): d is string => typeof d === 'string');
  if (addedList.length === 0 && droppedList.length === 0) return null;
  return (
    <div class="model-reasons">
      {addedList.map((a) => (
        <p>
          {t.modelAdded(label(vi.categories, a.category))}{' '}
          {a.reasons
            .filter((r) => typeof r?.text === 'string')
            .map((r, k) => (
              <>
                {k > 0 ? ', ' : ''}
                <mark class="model-term">{r.text.slice(0, 80)}</mark>
              </>
            ))}
        </p>
      ))}
      {droppedList.length ? <p class="hint">{t.modelDropped(droppedList.map((c) => label(vi.categories, c)).join(', '))}</p> : null}
    </div>
  );
}

function Hidden({ user, version }: { user: IncidentPageProps['user']; version: number }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={user.csrfToken} />
      <input type="hidden" name="version" value={String(version)} />
    </>
  );
}

function ActionForms({ user, detail, users, now }: Omit<IncidentPageProps, 'canAct' | 'flash'>) {
  const i = detail.incident;
  const status = i.status as IncidentStatus;
  const allowed = TRANSITIONS[status];
  const open = status !== 'resolved' && status !== 'dismissed';
  const path = `/incidents/${i.id}`;
  const canTake = (status === 'new' || status === 'acknowledged' || status === 'in_progress') && !(status === 'in_progress' && i.assignee === user.username);
  return (
    <section class="card work" id="xu-ly">
      <h2>{t.work}</h2>
      <div class="quick-actions">
        {allowed.includes('acknowledged') ? (
          <form method="post" action={`${path}/acknowledge`} class="inline">
            <Hidden user={user} version={i.version} />
            <button type="submit" class="act-acknowledge">{t.acknowledge}</button>
          </form>
        ) : null}
        {canTake ? (
          <form method="post" action={`${path}/take`} class="inline">
            <Hidden user={user} version={i.version} />
            <button type="submit" class="act-take">{t.take}</button>
          </form>
        ) : null}
        {status === 'on_hold' ? (
          <form method="post" action={`${path}/resume`} class="inline">
            <Hidden user={user} version={i.version} />
            <button type="submit" class="act-resume">{t.resume}</button>
          </form>
        ) : null}
        {isClosedStatus(status) ? (
          <form method="post" action={`${path}/reopen`} class="inline">
            <Hidden user={user} version={i.version} />
            <button type="submit" class="act-reopen">{t.reopen}</button>
          </form>
        ) : null}
      </div>

      {allowed.includes('resolved') ? (
        <details class="action-form" open>
          <summary>{t.resolve}</summary>
          <form method="post" action={`${path}/resolve`} class="resolve-form">
            <Hidden user={user} version={i.version} />
            <label>
              {t.resolveNote} <span class="hint">{vi.optional}</span>
              <textarea name="note" rows={2} maxlength={4000}></textarea>
            </label>
            <button type="submit" class="act-resolve">{t.resolve}</button>
          </form>
        </details>
      ) : null}

      <details class="action-form">
        <summary>{t.note}</summary>
        <form method="post" action={`${path}/note`} class="note-form">
          <Hidden user={user} version={i.version} />
          <label>
            {t.note}
            <textarea name="note" rows={3} required maxlength={4000}></textarea>
          </label>
          <button type="submit">{t.noteButton}</button>
        </form>
      </details>

      <details class="action-form">
        <summary>{t.action}</summary>
        <form method="post" action={`${path}/action`} class="action-record-form">
          <Hidden user={user} version={i.version} />
          <label>
            {t.actionType}
            <select name="type" required>
              {ACTION_TYPES.map((type) => (
                <option value={type}>{label(t.actionTypes, type)}</option>
              ))}
            </select>
          </label>
          <label>
            {t.actionTime}
            <input type="datetime-local" name="done_at" value={localInputValue(now)} />
          </label>
          <label>
            {t.actionDescription}
            <textarea name="description" rows={3} maxlength={4000}></textarea>
          </label>
          <button type="submit">{t.actionButton}</button>
        </form>
      </details>

      {open ? (
        <details class="action-form">
          <summary>{t.assign}</summary>
          <form method="post" action={`${path}/assign`} class="assign-form">
            <Hidden user={user} version={i.version} />
            <label>
              {t.assign}
              <select name="username">
                <option value="">{t.nobody}</option>
                {users.map((u) => (
                  <option value={u.username} selected={u.username === i.assignee}>
                    {`${u.display_name} (${u.username})`}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{t.assignButton}</button>
          </form>
        </details>
      ) : null}

      {allowed.includes('on_hold') ? (
        <details class="action-form">
          <summary>{t.hold}</summary>
          <form method="post" action={`${path}/hold`} class="hold-form">
            <Hidden user={user} version={i.version} />
            <label>
              {t.holdReasonLabel}
              <input type="text" name="reason" required maxlength={1000} />
            </label>
            <button type="submit">{t.holdButton}</button>
          </form>
        </details>
      ) : null}

      <details class="action-form">
        <summary>{t.classify}</summary>
        <form method="post" action={`${path}/classify`} class="classify-form">
          <Hidden user={user} version={i.version} />
          <label>
            {t.classifyCategory}
            <select name="category" required>
              {CATEGORIES.map((category) => (
                <option value={category} selected={category === i.category}>
                  {label(vi.categories, category)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.classifySeverity}
            {/* A closed incident's deadlines are its SLA record: its severity changes only after reopening. */}
            <select name="severity" disabled={isClosedStatus(i.status)}>
              {SEVERITIES.map((severity) => (
                <option value={severity} selected={severity === i.severity}>
                  {label(vi.severities, severity)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.classifyNote} <span class="hint">{vi.optional}</span>
            <textarea name="note" rows={2} maxlength={4000}></textarea>
          </label>
          <p class="hint">{t.classifyHint}</p>
          <button type="submit" class="act-classify">{t.classifyButton}</button>
        </form>
      </details>

      {allowed.includes('dismissed') ? (
        <details class="action-form">
          <summary>{t.dismiss}</summary>
          <form method="post" action={`${path}/dismiss`} class="dismiss-form">
            <Hidden user={user} version={i.version} />
            <label>
              {t.dismissReason}
              <select name="reason" required>
                {DISMISS_REASONS.map((reason) => (
                  <option value={reason}>{label(t.dismissReasons, reason)}</option>
                ))}
              </select>
            </label>
            <label>
              {t.dismissNote}
              <textarea name="note" rows={2} maxlength={4000}></textarea>
            </label>
            <button type="submit" class="secondary">{t.dismissButton}</button>
          </form>
        </details>
      ) : null}
    </section>
  );
}

export function IncidentPage({ user, detail, users, canAct, now, flash, unlock, replies }: IncidentPageProps) {
  const { incident: i, posts, events, actions, evidence } = detail;
  // A reply confirmed on the fanpage is the first response, as the report counts it.
  const firstReply = replies?.targets.flatMap((target) => target.sent.map((r) => r.sentAt)).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  const lock = i.locked_by && i.locked_until && i.locked_until > now ? { by: i.locked_by, name: i.locked_by_name ?? i.locked_by, until: i.locked_until } : null;
  const timeline = [...events].reverse();
  return (
    <Layout title={i.content_purged_at ? t.purgedTitle(i.id) : i.title} user={user}>
      <p class="crumbs">
        <a href="/">← {t.back}</a>
      </p>
      {flash ? (
        <p id="thong-bao" class={flash.kind === 'ok' ? 'notice flash' : 'errors flash'} role={flash.kind === 'ok' ? 'status' : 'alert'}>
          {flash.text}
        </p>
      ) : null}
      <section class={`card incident-head severity-${i.severity}`}>
        <h1 class="incident-heading">{i.content_purged_at ? t.purgedTitle(i.id) : i.title}</h1>
        <div class="incident-meta">
          <span class={`badge severity-${i.severity}`}>{label(vi.severities, i.severity)}</span>
          <span class="badge">{label(vi.categories, i.category)}</span>
          <span class="badge status" data-status={i.status}>
            {label(vi.statuses, i.status)}
          </span>
        </div>
        <dl class="facts">
          <dt>{vi.columns.detected}</dt>
          <dd>{formatDateTime(i.detected_at)}</dd>
          <dt>{t.ackDue}</dt>
          <dd class="ack-due">
            <Deadline due={i.ack_due_at} done={i.acknowledged_at ?? firstReply ?? i.dismissed_at} now={now} />
          </dd>
          {i.acknowledged_at ? (
            <>
              <dt>{t.acknowledgedAt}</dt>
              <dd>{formatDateTime(i.acknowledged_at)}</dd>
            </>
          ) : null}
          <dt>{t.resolveDue}</dt>
          <dd class="resolve-due">
            <Deadline due={i.resolve_due_at} done={i.resolved_at ?? i.dismissed_at ?? (i.status === 'on_hold' ? now : null)} now={now} />
          </dd>
          {i.resolved_at ? (
            <>
              <dt>{t.resolvedAt}</dt>
              <dd>{formatDateTime(i.resolved_at)}</dd>
            </>
          ) : null}
          {i.dismissed_at ? (
            <>
              <dt>{t.dismissedAt}</dt>
              <dd>
                {formatDateTime(i.dismissed_at)} · {label(t.dismissReasons, i.dismiss_reason ?? '')}
              </dd>
            </>
          ) : null}
          {i.hold_reason ? (
            <>
              <dt>{t.holdReason}</dt>
              <dd>{i.hold_reason}</dd>
            </>
          ) : null}
          <dt>{t.assignee}</dt>
          <dd class="assignee">{i.assignee ? <Person name={i.assignee_name ?? i.assignee} login={i.assignee} /> : t.nobody}</dd>
        </dl>
        {lock ? (
          <p class="lock" title={lock.name === lock.by ? undefined : lock.by}>
            {t.lockedBy(lock.name, formatDateTime(lock.until))}
          </p>
        ) : null}
        {lock && unlock && canAct ? (
          <form method="post" action={`/incidents/${i.id}/unlock`} class="inline unlock-form">
            <Hidden user={user} version={i.version} />
            <button type="submit" class="secondary act-unlock">
              {unlock === 'force' ? t.unlockForce : t.unlock}
            </button>
          </form>
        ) : null}
      </section>

      {canAct ? <ActionForms user={user} detail={detail} users={users} now={now} /> : <p class="note read-only">{t.readOnly}</p>}

      <section class="card posts">
        <h2>
          {t.posts} <span class="count">({posts.length})</span>
        </h2>
        {posts.length === 0 ? <p class="empty">{t.noPosts}</p> : null}
        <ul class="post-list">
          {posts.map((p) => (
            <li class="member-post" data-post-id={p.id}>
              <div class="incident-meta">
                <span class="badge">{p.source}</span>
                <span>{label(t.reasons, p.reason)}</span>
                <span>
                  {t.published}: {formatDateTime(p.published_at ?? p.collected_at)}
                </span>
              </div>
              {p.content_purged_at ? (
                <p class="post-text purged">{t.purgedContent}</p>
              ) : (
                <p class="post-text">
                  {postSegments(p, p.matches).map((segment) =>
                    segment.rule !== undefined ? <mark title={segment.rule}>{segment.text}</mark> : segment.text,
                  )}
                </p>
              )}
              {p.content_purged_at ? null : <ModelReasons insight={p.model} />}
              {p.url && /^https?:\/\//i.test(p.url) ? (
                <a class="original" href={p.url} target="_blank" rel="noopener noreferrer nofollow">
                  {t.openOriginal} ↗
                </a>
              ) : null}
              {replies?.targets.map((target) => (target.postId === p.id ? <FanpageReply incidentId={i.id} target={target} replies={replies} csrfToken={user.csrfToken} /> : null))}
            </li>
          ))}
        </ul>
      </section>

      <section class="card evidence">
        <h2>{t.evidence}</h2>
        {evidence.length === 0 ? (
          <p class="empty">{t.noEvidence}</p>
        ) : (
          <ul class="evidence-list">
            {evidence.map((e) => (
              <li>
                {e.sha256 ? (
                  <a href={`/api/evidence/${e.sha256}`} target="_blank" rel="noopener noreferrer">
                    {label(t.evidenceKinds, e.kind)}
                  </a>
                ) : (
                  <span>
                    {label(t.evidenceKinds, e.kind)} · {t.evidenceFailed}
                  </span>
                )}{' '}
                <span class="hint">{formatDateTime(e.captured_at)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="card done-actions">
        <h2>{t.actionsDone}</h2>
        {actions.length === 0 ? (
          <p class="empty">{t.noActions}</p>
        ) : (
          <ul class="action-list">
            {actions.map((a) => (
              <li>
                <strong>{label(t.actionTypes, a.type)}</strong> · {formatDateTime(a.done_at)} · <Person name={a.actor_name} login={a.actor} />
                {a.description ? <div class="action-description">{a.description}</div> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="card timeline">
        <h2>{t.timeline}</h2>
        <ol class="event-list">
          {timeline.map((e) => (
            <li class={`event event-type-${e.type}`}>
              <div class="event-head">
                <span class="event-what">{eventText(e)}</span>
              </div>
              <div class="hint">
                {formatDateTime(e.at)} · {e.actor === 'system' ? t.system : <Person name={e.actor_name} login={e.actor} />}
              </div>
              {e.note ? <div class="event-note">{e.note}</div> : null}
              {e.type === 'action_recorded' && typeof e.after?.external_reply_id === 'string' && typeof e.after.description === 'string' ? (
                <div class="event-note reply-text">{e.after.description}</div>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}
