/** The marketplace's public entry point: pure matching and request builders for other roles and job boards. Only re-exports. */
export { scoreMatch } from './score-match.ts';
export type { Evidence, MatchResult, RequirementExplanation, ScoreMatchOptions } from './score-match.ts';
export { buildDcqlQuery } from './build-dcql-query.ts';
export { buildPresentationDefinition } from './build-presentation-definition.ts';
export { createSkillDirectory } from './skill-directory.ts';
export type { SkillDirectory } from './skill-directory.ts';
