// The analyzer's public API.
import { DEFAULT_RULE_PACK } from './default-pack.js';
import { rulePackSchema, type RulePack } from './rules.js';

export * from './types.js';
export { createAnalyzer, severityOf, HIGH_ENGAGEMENT, MAX_ANALYZED_LENGTH, STRONGLY_NEGATIVE, type Analyzer, type AnalyzerOptions } from './analyzer.js';
export {
  checkQuery,
  checkRules,
  compileRules,
  compileSearchQuery,
  RuleCompileError,
  ruleIdSchema,
  rulePackSchema,
  ruleSchema,
  type CompiledRule,
  type CompiledRuleSet,
  type CompiledSearchQuery,
  type Rule,
  type RuleCompileProblem,
  type RuleHit,
  type RuleInput,
  type RulePack,
} from './rules.js';
export { parseQuery, type ParseResult, type QueryError, type QueryNode, type QuerySyllable } from './query.js';
export {
  diacriticlessSentences,
  foldDiacritics,
  hasDiacritics,
  isDiacriticless,
  normalizeSyllable,
  normalizeText,
  tokenize,
  EMOTICON_NORMS,
} from './normalize.js';
export { buildGazetteer, type Gazetteer, type GazetteerSource } from './profile.js';
export { scoreSentiment } from './sentiment.js';
export { detectOffensive } from './offensive.js';

let defaultPack: RulePack | undefined;

/** The rule pack shipped with langnghe (src/analysis/default-pack.ts), validated. */
export function loadDefaultRulePack(): RulePack {
  defaultPack ??= rulePackSchema.parse(DEFAULT_RULE_PACK);
  return defaultPack;
}
