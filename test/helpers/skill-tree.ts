/**
 * A small skill framework for scoring tests: prompting → structured-output → json-mode, prompting → few-shot, and
 * privacy on its own. `S(slug)` is a skill's URI under `framework`.
 */
import fc from 'fast-check';
import { SKILL_LEVELS } from '../../core/open-badges.ts';
import { createSkillDirectory } from '../../marketplace/skill-directory.ts';

export function testSkillTree(framework = 'https://skills.example/fw') {
  const S = (slug: string) => `${framework}/skills/${slug}`;
  const skills = createSkillDirectory({
    id: framework,
    skills: [
      { id: S('prompting'), slug: 'prompting', name: 'Prompting', parent: null },
      { id: S('structured-output'), slug: 'structured-output', name: 'Structured output', parent: 'prompting' },
      { id: S('json-mode'), slug: 'json-mode', name: 'JSON mode', parent: 'structured-output' },
      { id: S('few-shot'), slug: 'few-shot', name: 'Few-shot', parent: 'prompting' },
      { id: S('privacy'), slug: 'privacy', name: 'Privacy', parent: null },
    ],
  });
  return { F: framework, S, skills };
}

/**
 * Random opening requirements over `skillId` (fast-check), for the scoring property tests: levels, required or not,
 * whole and fractional weights, with and without a recency limit.
 */
export function arbitraryRequirements(skillId: fc.Arbitrary<string>, { maxLength = 6 } = {}) {
  return fc.array(
    fc.record({
      skill: skillId,
      minLevel: fc.constantFrom(...SKILL_LEVELS),
      required: fc.boolean(),
      weight: fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constantFrom(0.1, 0.7, 2.5, 33.3)),
      maxAgeMonths: fc.option(fc.constantFrom(1, 6, 18, 60), { nil: undefined }),
    }),
    { minLength: 1, maxLength },
  );
}
