/**
 * Turns a catalog entry into an Open Badges 3.0 `Achievement` (OB 3.0 §B.1.1): criteria, result descriptions (a
 * score and a rubric of levels), and alignments to the Proofline AI-fluency skills plus their ESCO / O*NET matches.
 */
import { SKILL_LEVELS, type Alignment, type JsonObject } from '../core/open-badges.ts';
import { ValidationError } from '../core/errors.ts';
import type { CatalogAchievement, FrameworkSkill, SkillsFramework } from './catalog-types.ts';

export interface AchievementContext {
  publicUrl: string;
  framework: SkillsFramework;
  creator: { id: string; name: string; url?: string };
}

export function achievementIdFor(publicUrl: string, slug: string): string {
  return `${publicUrl}/achievements/${slug}`;
}

export const SCORE_RESULT = 'score';
export const LEVEL_RESULT = 'level';

export function buildAchievement(entry: CatalogAchievement, ctx: AchievementContext): JsonObject {
  const id = achievementIdFor(ctx.publicUrl, entry.slug);
  const skillsBySlug = new Map(ctx.framework.skills.map((s) => [s.slug, s]));
  const alignment: Alignment[] = [];
  const seen = new Set<string>();
  entry.skills.forEach(({ skill: slug }, i) => {
    const skill = skillsBySlug.get(slug);
    if (!skill) {
      throw new ValidationError(`Unknown skill "${slug}" in achievement "${entry.slug}".`, [
        { pointer: `/skills/${i}/skill`, detail: `is not a skill of ${ctx.framework.id}` },
      ]);
    }
    for (const a of [skillAlignment(skill, ctx.framework), ...externalAlignments(skill)]) {
      if (seen.has(a.targetUrl)) continue;
      seen.add(a.targetUrl);
      alignment.push(a);
    }
  });

  const resultDescription: JsonObject[] = [
    ...(entry.resultDescriptions ?? [
      { id: SCORE_RESULT, name: 'Assessment score', resultType: 'Percent', valueMin: '0', valueMax: '100', requiredValue: '70' },
    ]).map((rd) => ({
      id: `${id}#${rd.id}`,
      type: ['ResultDescription'],
      name: rd.name,
      resultType: rd.resultType,
      ...(rd.valueMin !== undefined ? { valueMin: rd.valueMin } : {}),
      ...(rd.valueMax !== undefined ? { valueMax: rd.valueMax } : {}),
      ...(rd.requiredValue !== undefined ? { requiredValue: rd.requiredValue } : {}),
    })),
    {
      id: `${id}#${LEVEL_RESULT}`,
      type: ['ResultDescription'],
      name: 'Demonstrated level',
      resultType: 'RubricCriterionLevel',
      requiredLevel: levelIdFor(id, entry.level),
      rubricCriterionLevel: SKILL_LEVELS.map((level) => ({
        id: levelIdFor(id, level),
        type: ['RubricCriterionLevel'],
        name: level[0]!.toUpperCase() + level.slice(1),
        level,
      })),
    },
  ];

  return {
    id,
    type: ['Achievement'],
    achievementType: entry.achievementType ?? 'Competency',
    name: entry.name,
    description: entry.description,
    criteria: { id: `${id}#criteria`, narrative: entry.criteria.narrative },
    ...(entry.humanCode ? { humanCode: entry.humanCode } : {}),
    ...(entry.tags?.length ? { tag: [...entry.tags] } : {}),
    ...(entry.image ? { image: { id: entry.image, type: 'Image' } } : {}),
    creator: { id: ctx.creator.id, type: ['Profile'], name: ctx.creator.name, ...(ctx.creator.url ? { url: ctx.creator.url } : {}) },
    alignment,
    resultDescription,
  };
}

export function levelIdFor(achievementId: string, level: string): string {
  return `${achievementId}#level-${level}`;
}

function skillAlignment(skill: FrameworkSkill, framework: SkillsFramework): Alignment {
  return {
    type: ['Alignment'],
    targetName: skill.name,
    targetUrl: skill.id,
    targetDescription: skill.description,
    targetFramework: framework.name,
    targetCode: skill.slug,
    targetType: 'ceasn:Competency',
  };
}

function externalAlignments(skill: FrameworkSkill): Alignment[] {
  return (skill.alignments ?? []).map((a) => ({
    type: ['Alignment'],
    targetName: a.targetName,
    targetUrl: a.targetUrl,
    targetFramework: a.targetFramework,
    ...(a.targetCode ? { targetCode: a.targetCode } : {}),
    ...(a.targetDescription ? { targetDescription: a.targetDescription } : {}),
    ...(a.targetType ? { targetType: a.targetType } : {}),
  }));
}
