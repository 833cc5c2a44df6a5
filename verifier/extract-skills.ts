/**
 * The skills a credential attests, normalised for the marketplace: one entry per Open Badges 3.0 achievement
 * alignment (OB 3.0 §B.1.1 `Achievement.alignment`). Proofline aligns each achievement to `<skill URI>/levels/<level>`
 * (issuer/build-achievement.ts): the level is read from that URI and the skill id is the URI before it. Other
 * alignments (ESCO, O*NET, other issuers' frameworks) become skills without a level.
 */
import { SKILL_LEVELS, isJsonObject, issuerIdOf, typesOf, type JsonObject, type SkillLevel } from '../core/open-badges.ts';

export interface Skill {
  /** The skill's URI (targetUrl without a Proofline level suffix). */
  id: string;
  level?: SkillLevel;
  /** targetFramework. */
  framework?: string;
  name: string;
  /** The OB achievement that attests it. */
  achievementId?: string;
  achievementType?: string;
  issuer?: string;
  validFrom?: string;
}

const LEVEL_SUFFIX = new RegExp(`^(.+)/levels/(${SKILL_LEVELS.join('|')})$`);

export function extractSkills(credential: JsonObject): Skill[] {
  const subjects = Array.isArray(credential.credentialSubject) ? credential.credentialSubject : [credential.credentialSubject];
  const issuer = issuerIdOf(credential);
  const validFrom = typeof credential.validFrom === 'string' ? credential.validFrom : typeof credential.issuanceDate === 'string' ? credential.issuanceDate : undefined;
  const skills: Skill[] = [];
  const seen = new Set<string>();
  for (const subject of subjects) {
    if (!isJsonObject(subject) || !isJsonObject(subject.achievement)) continue;
    const achievement = subject.achievement;
    const alignments = Array.isArray(achievement.alignment) ? achievement.alignment : [achievement.alignment];
    for (const alignment of alignments) {
      if (!isJsonObject(alignment) || typeof alignment.targetUrl !== 'string' || !typesOf(alignment).includes('Alignment')) continue;
      const match = LEVEL_SUFFIX.exec(alignment.targetUrl);
      const id = match ? (match[1] as string) : alignment.targetUrl;
      const level = match ? (match[2] as SkillLevel) : undefined;
      const key = `${id} ${level ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const rawName = typeof alignment.targetName === 'string' ? alignment.targetName : id;
      // Members set one by one, in this order (no spread of temporary objects: this runs on every verification).
      const skill = { id } as Skill;
      if (level) skill.level = level;
      if (typeof alignment.targetFramework === 'string') skill.framework = alignment.targetFramework;
      skill.name = level && rawName.endsWith(` (${level})`) ? rawName.slice(0, -` (${level})`.length) : rawName;
      if (typeof achievement.id === 'string') skill.achievementId = achievement.id;
      if (typeof achievement.achievementType === 'string') skill.achievementType = achievement.achievementType;
      if (issuer) skill.issuer = issuer;
      if (validFrom) skill.validFrom = validFrom;
      skills.push(skill);
    }
  }
  return skills;
}
