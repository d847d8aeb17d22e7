// Builds the analyzer from the active rule pack and the commune profile, and rebuilds it only
// when either changes — compiling rules is the expensive part, analysing is cheap.
import { createAnalyzer, type Analyzer } from '../analysis/index.js';
import { activeRulePack } from '../rules/rule-pack.repository.js';
import type { Db } from '../db/database.js';
import { getCommuneProfile } from '../commune/profile.repository.js';

export interface ActiveAnalyzer {
  readonly analyzer: Analyzer;
  /** The rule_pack_versions id, or null for the built-in default pack. */
  readonly rulePackVersion: string | null;
}

export interface AnalyzerProvider {
  get(): Promise<ActiveAnalyzer>;
}

const RECHECK_MS = 5_000;

export function createAnalyzerProvider(db: Db): AnalyzerProvider {
  let cached: { key: string; value: ActiveAnalyzer; checkedAt: number } | undefined;
  let loading: Promise<ActiveAnalyzer> | undefined;

  async function load(): Promise<ActiveAnalyzer> {
    // Only the active id is read on every check; the pack itself only when it changed.
    const [profile, active] = await Promise.all([
      getCommuneProfile(db),
      db.selectFrom('rule_pack_versions').select(['id']).where('active', '=', true).executeTakeFirst(),
    ]);
    const key = `${active?.id ?? 'default'}|${profile?.updatedAt.getTime() ?? 'none'}`;
    if (cached && cached.key === key) {
      cached.checkedAt = Date.now();
      return cached.value;
    }
    const { pack } = await activeRulePack(db);
    const analyzer = createAnalyzer({
      rules: pack.rules,
      // Without a profile nothing is "about the commune" except the commune's own channels.
      profile: profile ?? { commune: '', aliases: [], places: [] },
    });
    const value = { analyzer, rulePackVersion: active?.id ?? null };
    cached = { key, value, checkedAt: Date.now() };
    return value;
  }

  return {
    async get() {
      if (cached && Date.now() - cached.checkedAt < RECHECK_MS) return cached.value;
      loading ??= load().finally(() => {
        loading = undefined;
      });
      return loading;
    },
  };
}
