// Feedback to the rules: each rule's hits, and its precision so far — among its hits filed into
// incidents that were closed, the share not dismissed as a false positive.
import type { Db } from '../db/database.js';

export interface RuleStats {
  readonly rule: string;
  readonly hits: number;
  readonly incident_hits: number;
  readonly reviewed: number;
  readonly false_positives: number;
  /** null until one of its incidents has been closed. */
  readonly precision: number | null;
}

export async function ruleStats(db: Db): Promise<RuleStats[]> {
  const rows = await db.selectFrom('rule_feedback').selectAll().orderBy('rule').execute();
  return rows.map((row) => {
    const reviewed = Number(row.reviewed);
    const falsePositives = Number(row.false_positives);
    return {
      rule: row.rule,
      hits: Number(row.hits),
      incident_hits: Number(row.incident_hits),
      reviewed,
      false_positives: falsePositives,
      precision: reviewed ? Math.round(((reviewed - falsePositives) / reviewed) * 1000) / 1000 : null,
    };
  });
}
