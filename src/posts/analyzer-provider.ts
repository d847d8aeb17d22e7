// Builds the analyzer from the active rule pack, the active learned model and the commune profile,
// and rebuilds it only when one of them changes — compiling rules and reading a model are the
// expensive parts, analysing is cheap. Workers see an activation within RECHECK_MS.
import { createAnalyzer, type Analyzer } from '../analysis/index.js';
import { loadDefaultModel } from '../analysis/model/default-model.js';
import { activeRulePack } from '../rules/rule-pack.repository.js';
import type { Db } from '../db/database.js';
import { getCommuneProfile } from '../commune/profile.repository.js';
import { activeModelVersionId, loadModelVersion } from '../learning/model.repository.js';

export interface ActiveAnalyzer {
  readonly analyzer: Analyzer;
  /** The rule_pack_versions id, or null for the built-in default pack. */
  readonly rulePackVersion: string | null;
  /** The model_versions id, or null for the shipped model (or no model at all). */
  readonly modelVersion: string | null;
}

export interface AnalyzerProvider {
  get(): Promise<ActiveAnalyzer>;
}

export interface AnalyzerProviderOptions {
  /** Without a model the rules decide categories and the lexicon polarity. */
  readonly useModel?: boolean;
}

const RECHECK_MS = 5_000;

export function createAnalyzerProvider(db: Db, options: AnalyzerProviderOptions = {}): AnalyzerProvider {
  const useModel = options.useModel ?? true;
  let cached: { key: string; value: ActiveAnalyzer; checkedAt: number } | undefined;
  let loading: Promise<ActiveAnalyzer> | undefined;

  async function load(): Promise<ActiveAnalyzer> {
    // Only the active ids are read on every check; the pack and model only when they changed.
    const [profile, active, modelId] = await Promise.all([
      getCommuneProfile(db),
      db.selectFrom('rule_pack_versions').select(['id']).where('active', '=', true).executeTakeFirst(),
      useModel ? activeModelVersionId(db) : Promise.resolve(null),
    ]);
    const key = `${active?.id ?? 'default'}|${useModel ? (modelId ?? 'default') : 'off'}|${profile?.updatedAt.getTime() ?? 'none'}`;
    if (cached && cached.key === key) {
      cached.checkedAt = Date.now();
      return cached.value;
    }
    const { pack } = await activeRulePack(db);
    const model = !useModel ? null : modelId !== null ? await loadModelVersion(db, modelId) : loadDefaultModel();
    const analyzer = createAnalyzer({
      rules: pack.rules,
      // Without a profile nothing is "about the commune" except the commune's own channels.
      profile: profile ?? { commune: '', aliases: [], places: [] },
      model,
      modelVersion: modelId ?? 'default',
    });
    const value = { analyzer, rulePackVersion: active?.id ?? null, modelVersion: useModel ? modelId : null };
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
