/**
 * The skills the marketplace knows by URI: names for JobPostings and the framework hierarchy for matching. Built from
 * a skills framework (examples/catalog/framework.json: `parent` names the area's slug). Typed structurally, so the
 * marketplace needs nothing from issuer/.
 */
export interface SkillEntry {
  name: string;
  /** The parent skill's URI (an area), or null at the top. */
  parent: string | null;
}

export type SkillDirectory = ReadonlyMap<string, SkillEntry>;

export interface FrameworkLike {
  id?: string;
  skills: readonly { id: string; slug: string; name: string; parent: string | null }[];
}

export function createSkillDirectory(...frameworks: FrameworkLike[]): SkillDirectory {
  const directory = new Map<string, SkillEntry>();
  for (const framework of frameworks) {
    const bySlug = new Map(framework.skills.map((s) => [s.slug, s.id]));
    for (const skill of framework.skills) {
      directory.set(skill.id, { name: skill.name, parent: skill.parent === null ? null : (bySlug.get(skill.parent) ?? null) });
    }
  }
  return directory;
}

/** `skill`'s ancestors, nearest first (cycles cut). */
export function ancestorsOf(directory: SkillDirectory, skill: string): string[] {
  const ancestors: string[] = [];
  let current = directory.get(skill)?.parent ?? null;
  while (current !== null && !ancestors.includes(current) && current !== skill) {
    ancestors.push(current);
    current = directory.get(current)?.parent ?? null;
  }
  return ancestors;
}
