/** The starter catalog's data format (examples/catalog/*.json). */
import type { SkillLevel } from '../core/open-badges.ts';

export interface FrameworkAlignment {
  targetType?: string;
  targetFramework: string;
  targetName: string;
  targetUrl: string;
  targetCode?: string;
  targetDescription?: string;
}

export interface FrameworkSkill {
  id: string;
  slug: string;
  name: string;
  description: string;
  parent: string | null;
  alignments?: FrameworkAlignment[];
}

export interface SkillsFramework {
  id: string;
  name: string;
  version: string;
  skills: FrameworkSkill[];
}

export interface RubricLevelInput {
  /** Suffix; the published id is `<achievement id>#<result id>-<level id>`. */
  id: string;
  name: string;
  description?: string;
  level?: string;
  points?: string;
}

export interface ResultDescriptionInput {
  /** Suffix; the published id is `<achievement id>#<id>`. */
  id: string;
  name: string;
  resultType: string;
  valueMin?: string;
  valueMax?: string;
  requiredValue?: string;
  /** Id suffix of one of `rubricCriterionLevel`. */
  requiredLevel?: string;
  rubricCriterionLevel?: RubricLevelInput[];
}

export interface CatalogAchievement {
  slug: string;
  name: string;
  description: string;
  area?: string;
  level: SkillLevel;
  achievementType?: string;
  criteria: { narrative: string };
  skills: { skill: string; level?: SkillLevel }[];
  resultDescriptions?: ResultDescriptionInput[];
  tags?: string[];
  humanCode?: string;
  image?: string;
}
