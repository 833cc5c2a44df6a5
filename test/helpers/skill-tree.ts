/**
 * A small skill framework for scoring tests: prompting → structured-output → json-mode, prompting → few-shot, and
 * privacy on its own. `S(slug)` is a skill's URI under `framework`.
 */
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
