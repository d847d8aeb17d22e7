// The period picker every report page shows: the from/to dates, any fields of the page's own, the
// submit button, links to the usual periods, and below the form the error of a refused period.
import type { Child } from 'hono/jsx';
import { vi } from '../i18n.js';

const t = vi.responseTime;

export interface Preset {
  readonly label: string;
  readonly from: string;
  readonly to: string;
}

export interface PeriodFormProps {
  /** The page the form is sent to (GET) and the presets link to. */
  readonly action: string;
  readonly from: string;
  readonly to: string;
  readonly presets: readonly Preset[];
  readonly error?: string | undefined;
  /** The submit button's text ("Xem báo cáo" unless given). */
  readonly submitLabel?: string | undefined;
  /** Added to each preset link after its period, e.g. `&bucket=week`. */
  readonly presetQuery?: string | undefined;
  /** The page's own fields, between the dates and the submit button. */
  readonly children?: Child;
}

export function PeriodForm({ action, from, to, presets, error, submitLabel = t.show, presetQuery = '', children }: PeriodFormProps) {
  return (
    <>
      <form method="get" action={action} class="card report-filters">
        <label>
          {t.from} <input type="date" name="from" value={from} required />
        </label>
        <label>
          {t.to} <input type="date" name="to" value={to} required />
        </label>
        {children}
        <button type="submit">{submitLabel}</button>
        <div class="actions">
          {presets.map((p) => (
            <a href={`${action}?from=${p.from}&to=${p.to}${presetQuery}`}>{p.label}</a>
          ))}
        </div>
      </form>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
