/**
 * Turns a catalog entry into an Open Badges 3.0 `Achievement` (OB 3.0 §B.1.1): criteria, result descriptions (a
 * score and a performance rubric), and alignments.
 *
 * Skill levels are competencies of their own (as CASE/CTDL frameworks model proficiency): each framework skill
 * `<skill URI>` has `<skill URI>/levels/{foundation,practitioner,expert}`, and an achievement aligns to the level it
 * certifies for each skill, plus the skill's ESCO / O*NET matches. A consumer that knows nothing of Proofline still
 * reads a plain OB 3.0 alignment; the marketplace reads the level from the URI.
 */
import { type Alignment, type JsonObject, type SkillLevel } from '../core/open-badges.ts';
import { ValidationError } from '../core/errors.ts';
import type { CatalogAchievement, FrameworkSkill, ResultDescriptionInput, SkillsFramework } from './catalog-types.ts';

export interface AchievementContext {
  publicUrl: string;
  framework: SkillsFramework;
  creator: { id: string; name: string; url?: string };
}

export function achievementIdFor(publicUrl: string, slug: string): string {
  return `${publicUrl}/achievements/${slug}`;
}

export function skillLevelUrl(skillId: string, level: SkillLevel): string {
  return `${skillId}/levels/${level}`;
}

export function resultDescriptionId(achievementId: string, resultId: string): string {
  return `${achievementId}#${resultId}`;
}

export function rubricLevelId(achievementId: string, resultId: string, levelId: string): string {
  return `${achievementId}#${resultId}-${levelId}`;
}

export function buildAchievement(entry: CatalogAchievement, ctx: AchievementContext): JsonObject {
  const id = achievementIdFor(ctx.publicUrl, entry.slug);
  const skillsBySlug = new Map(ctx.framework.skills.map((s) => [s.slug, s]));
  const alignment: Alignment[] = [];
  const seen = new Set<string>();
  entry.skills.forEach(({ skill: slug, level }, i) => {
    const skill = skillsBySlug.get(slug);
    if (!skill) {
      throw new ValidationError(`Unknown skill "${slug}" in achievement "${entry.slug}".`, [
        { pointer: `/skills/${i}/skill`, detail: `is not a skill of ${ctx.framework.id}` },
      ]);
    }
    for (const a of [skillAlignment(skill, level ?? entry.level, ctx.framework), ...externalAlignments(skill)]) {
      if (seen.has(a.targetUrl)) continue;
      seen.add(a.targetUrl);
      alignment.push(a);
    }
  });

  return {
    id,
    type: ['Achievement'],
    achievementType: entry.achievementType ?? 'Competency',
    name: entry.name,
    description: entry.description,
    criteria: { id: `${id}#criteria`, narrative: entry.criteria.narrative },
    ...(entry.humanCode ? { humanCode: entry.humanCode } : {}),
    tag: [...(entry.tags ?? []), `level:${entry.level}`],
    ...(entry.image ? { image: { id: entry.image, type: 'Image' } } : {}),
    creator: { id: ctx.creator.id, type: ['Profile'], name: ctx.creator.name, ...(ctx.creator.url ? { url: ctx.creator.url } : {}) },
    alignment,
    resultDescription: (entry.resultDescriptions ?? [DEFAULT_SCORE]).map((rd) => resultDescription(id, rd)),
  };
}

const DEFAULT_SCORE: ResultDescriptionInput = {
  id: 'score',
  name: 'Assessment score',
  resultType: 'Percent',
  valueMin: '0',
  valueMax: '100',
  requiredValue: '70',
};

function resultDescription(achievementId: string, rd: ResultDescriptionInput): JsonObject {
  return {
    id: resultDescriptionId(achievementId, rd.id),
    type: ['ResultDescription'],
    name: rd.name,
    resultType: rd.resultType,
    ...(rd.valueMin !== undefined ? { valueMin: rd.valueMin } : {}),
    ...(rd.valueMax !== undefined ? { valueMax: rd.valueMax } : {}),
    ...(rd.requiredValue !== undefined ? { requiredValue: rd.requiredValue } : {}),
    ...(rd.requiredLevel !== undefined ? { requiredLevel: rubricLevelId(achievementId, rd.id, rd.requiredLevel) } : {}),
    ...(rd.rubricCriterionLevel
      ? {
          rubricCriterionLevel: rd.rubricCriterionLevel.map((level) => ({
            id: rubricLevelId(achievementId, rd.id, level.id),
            type: ['RubricCriterionLevel'],
            name: level.name,
            ...(level.description ? { description: level.description } : {}),
            ...(level.level ? { level: level.level } : {}),
            ...(level.points ? { points: level.points } : {}),
          })),
        }
      : {}),
  };
}

function skillAlignment(skill: FrameworkSkill, level: SkillLevel, framework: SkillsFramework): Alignment {
  return {
    type: ['Alignment'],
    targetName: `${skill.name} (${level})`,
    targetUrl: skillLevelUrl(skill.id, level),
    targetDescription: skill.description,
    targetFramework: framework.name,
    targetCode: `${skill.slug}/${level}`,
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
