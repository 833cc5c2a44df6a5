/**
 * The Academy catalog: OB 3.0 Achievements with criteria, levels and skill alignments. The starter catalog
 * (examples/catalog) is loaded at first start; later entries come through POST /achievements.
 */
import type { AchievementRecord, IssuerRecord } from '../core/ports.ts';
import { ConflictError } from '../core/errors.ts';
import { buildAchievement, achievementIdFor } from './build-achievement.ts';
import type { CatalogAchievement, SkillsFramework } from './catalog-types.ts';
import type { IssuerDeps } from './issuer-deps.ts';

export interface Catalog {
  framework: SkillsFramework;
  achievements: CatalogAchievement[];
}

/** Inserts the entries that are missing; returns how many were added. Safe to run at every start. */
export async function loadCatalog(deps: IssuerDeps, issuer: IssuerRecord, catalog: Catalog): Promise<number> {
  let added = 0;
  for (const entry of catalog.achievements) {
    if (await deps.store.achievements.getBySlug(entry.slug)) continue;
    if (await deps.store.achievements.create(recordFor(deps, issuer, catalog.framework, entry))) added++;
  }
  return added;
}

export async function createAchievement(
  deps: IssuerDeps,
  issuer: IssuerRecord,
  framework: SkillsFramework,
  entry: CatalogAchievement,
): Promise<AchievementRecord> {
  const record = recordFor(deps, issuer, framework, entry);
  if (!(await deps.store.achievements.create(record))) {
    throw new ConflictError(`An achievement with slug "${entry.slug}" exists already.`);
  }
  return record;
}

function recordFor(deps: IssuerDeps, issuer: IssuerRecord, framework: SkillsFramework, entry: CatalogAchievement): AchievementRecord {
  const body = buildAchievement(entry, {
    publicUrl: deps.publicUrl,
    framework,
    creator: { id: issuer.did, name: issuer.name, url: deps.publicUrl },
  });
  return { id: achievementIdFor(deps.publicUrl, entry.slug), slug: entry.slug, issuerId: issuer.id, body, createdAt: deps.clock() };
}
