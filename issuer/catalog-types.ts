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

export interface ResultDescriptionInput {
  id: string;
  name: string;
  resultType: string;
  valueMin?: string;
  valueMax?: string;
  requiredValue?: string;
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
