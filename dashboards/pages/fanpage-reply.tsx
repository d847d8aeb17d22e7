// "Trả lời trên fanpage" under a member post of the commune fanpage: the replies already sent, and
// a plain form (text, send) carrying its own idempotency key, so a double submit posts once.
import type { ReplyTarget } from '../../src/channels/fanpage-reply.js';
import { MAX_REPLY_CHARS } from '../../src/channels/fanpage-reply.js';
import { formatDateTime, vi } from '../i18n.js';

const t = vi.channels.reply;

/** The text of a refused reply, shown again in its form with the same key. */
export interface ReplyDraft {
  readonly postId: string;
  readonly message: string;
  readonly key: string;
}

export interface ReplyForms {
  readonly targets: readonly ReplyTarget[];
  /** The idempotency key of each post's form. */
  readonly keys: Readonly<Record<string, string>>;
  readonly draft?: ReplyDraft | undefined;
  /** Collaborators and admins send; others see what was sent. */
  readonly canReply: boolean;
}

export function FanpageReply({ incidentId, target, replies, csrfToken }: { incidentId: string; target: ReplyTarget; replies: ReplyForms; csrfToken: string }) {
  const draft = replies.draft?.postId === target.postId ? replies.draft : undefined;
  return (
    <div class="fanpage-reply" data-reply-post={target.postId}>
      {target.sent.length ? (
        <ul class="sent-replies">
          {target.sent.map((r) => (
            <li class="sent-reply">
              <span class="badge sent">{t.sent}</span> <span class="hint">{t.sentBy(r.actor, formatDateTime(r.sentAt))}</span>
              <div class="reply-text">{r.message}</div>
            </li>
          ))}
        </ul>
      ) : null}
      {replies.canReply ? (
        <details class="action-form reply-form-box" open={draft !== undefined}>
          <summary>{t.title}</summary>
          <form method="post" action={`/incidents/${incidentId}/reply#thong-bao`} class="reply-form">
            <input type="hidden" name="_csrf" value={csrfToken} />
            <input type="hidden" name="post_id" value={target.postId} />
            <input type="hidden" name="idempotency_key" value={replies.keys[target.postId] ?? ''} />
            <label>
              {t.label}
              <textarea name="message" rows={3} required maxlength={MAX_REPLY_CHARS}>
                {draft?.message ?? ''}
              </textarea>
            </label>
            <p class="hint">{t.hint}</p>
            <button type="submit" class="act-reply">
              {t.send}
            </button>
          </form>
        </details>
      ) : null}
    </div>
  );
}
