import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { evidenceSkillRows, type CredentialEvidenceRecord, type EvidenceRepository, type RankingSkillRow } from '../core/marketplace-evidence-ports.ts';
import { queryRows, type Db } from './db.ts';
import { applicationEvidence, applicationSkills, applicationStatusEntries } from './schema-marketplace-evidence.ts';
import { applications } from './schema.ts';

export function createEvidenceRepository(db: Db): EvidenceRepository {
  return {
    async save(records) {
      if (records.length === 0) return;
      await db.transaction(async (tx) => {
        for (const record of records) {
          const key = and(eq(applicationSkills.applicationId, record.applicationId), eq(applicationSkills.position, record.position));
          await tx.delete(applicationSkills).where(key);
          await tx
            .delete(applicationStatusEntries)
            .where(and(eq(applicationStatusEntries.applicationId, record.applicationId), eq(applicationStatusEntries.position, record.position)));
          await tx
            .insert(applicationEvidence)
            .values(record)
            .onConflictDoUpdate({ target: [applicationEvidence.applicationId, applicationEvidence.position], set: { ...record } });
          // A credential that no longer verifies is not scored at all: it has no skill rows.
          const skills = evidenceSkillRows(record);
          if (skills.length > 0) await tx.insert(applicationSkills).values(skills);
          const entries = record.statusEntries.map((entry) => ({
            applicationId: record.applicationId,
            position: record.position,
            statusListUrl: entry.url,
            statusIndex: entry.index,
            purpose: entry.purpose,
          }));
          if (entries.length > 0) await tx.insert(applicationStatusEntries).values(entries).onConflictDoNothing();
        }
      });
    },
    async listByApplications(applicationIds) {
      if (applicationIds.length === 0) return [];
      const rows = await db
        .select()
        .from(applicationEvidence)
        .where(inArray(applicationEvidence.applicationId, [...applicationIds]))
        .orderBy(asc(applicationEvidence.applicationId), asc(applicationEvidence.position));
      return rows as CredentialEvidenceRecord[];
    },
    async rankingRows(openingId, skills, now) {
      if (skills.length === 0) return [];
      // Raw SQL: 10^5 rows come back, and the driver's plain rows are cheaper than drizzle's mapping.
      const rows = await queryRows<{ a: string; s: string; l: number; i: string | null; v: string | number | null; u: boolean }>(
        db,
        sql`select application_id as a, skill as s, level as l, issuer as i, valid_from_ms as v, usable as u
            from application_skills
            where opening_id = ${openingId}
              and skill in (${sql.join(
                skills.map((s) => sql`${s}`),
                sql`, `,
              )})
              and (valid_until_ms is null or valid_until_ms > ${now.getTime()})`,
      );
      return rows.map((r): RankingSkillRow => ({ applicationId: r.a, skill: r.s, level: r.l, issuer: r.i, validFromMs: r.v === null ? null : Number(r.v), usable: r.u }));
    },
    async rankingLevels(openingId, plan, now) {
      // Per requirement: max over usable rows (accepted issuer, recent enough) of level minus the skill's distance;
      // applications without any such row come back with -1 everywhere (left join).
      // Integers only, so the score itself is computed in TypeScript exactly as scoreMatch computes it. Each row's
      // skill URI is compared once (to a small number, its place in plan.relevantSkills), not once per requirement.
      if (plan.relevantSkills.length === 0 || plan.requirements.length === 0) {
        const rows = await queryRows<{ id: string }>(db, sql`select id from applications where opening_id = ${openingId}`);
        return rows.map((r) => ({ applicationId: r.id, levels: plan.requirements.map(() => -1) }));
      }
      const keyOf = new Map(plan.relevantSkills.map((skill, i) => [skill, i]));
      const issuerOk = plan.acceptedIssuers === null ? sql`true` : plan.acceptedIssuers.length === 0 ? sql`false` : sql`s.issuer in (${sql.join(plan.acceptedIssuers.map((i) => sql`${i}`), sql`, `)})`;
      const perRequirement = plan.requirements.map((requirement) => {
        const recent = requirement.notBefore === null ? sql`true` : sql`s.valid_from_ms >= ${requirement.notBefore}`;
        const effective = sql`case s.k ${sql.join(
          requirement.distances.map(([skill, distance]) => sql.raw(`when ${keyOf.get(skill) ?? -1} then s.level - ${Number(distance)}`)),
          sql` `,
        )} end`;
        return sql`coalesce(max(${effective}) filter (where ${issuerOk} and ${recent}), -1)`;
      });
      const key = sql`case skill ${sql.join(
        plan.relevantSkills.map((skill, i) => sql`when ${skill} then ${sql.raw(String(i))}`),
        sql` `,
      )} end`;
      const query = sql`select a.id, b.levels from applications a left join (
              select s.application_id, concat_ws(',', ${sql.join(perRequirement, sql`, `)}) as levels
              from (select application_id, level, issuer, valid_from_ms, usable, ${key} as k
                    from application_skills
                    where opening_id = ${openingId} and usable
                      and skill in (${sql.join(plan.relevantSkills.map((skill) => sql`${skill}`), sql`, `)})
                      and (valid_until_ms is null or valid_until_ms > ${now.getTime()})) s
              group by s.application_id) b on b.application_id = a.id
            where a.opening_id = ${openingId}`;
      // One aggregate over 10^5-10^6 rows: in memory rather than spilled to disk, and without JIT compilation (which
      // costs more than it saves on a query this short). SET LOCAL ends with the transaction.
      const rows = await db.transaction(async (tx) => {
        await tx.execute(sql`set local work_mem = '64MB'`);
        await tx.execute(sql`set local jit = off`);
        return queryRows<{ id: string; levels: string | null }>(tx, query);
      });
      const none = plan.requirements.map(() => -1);
      return rows.map((r) => ({ applicationId: r.id, levels: r.levels === null || r.levels === '' ? none : r.levels.split(',').map(Number) }));
    },
    async listApplications(openingId, { ids } = {}) {
      if (ids && ids.length === 0) return [];
      const only = ids ? sql` and id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})` : sql``;
      const rows = await queryRows<{ id: string; submitted_at: string | Date; flagged: boolean; flags: string[] }>(
        db,
        sql`select id, submitted_at, flagged, flags from ${applications} where opening_id = ${openingId}${only}`,
      );
      return rows.map((r) => ({ id: r.id, submittedAt: new Date(r.submitted_at), flagged: r.flagged, flags: r.flags }));
    },
    async findByStatusEntry(statusListUrl, statusIndex) {
      return db
        .selectDistinct({ applicationId: applicationStatusEntries.applicationId, position: applicationStatusEntries.position })
        .from(applicationStatusEntries)
        .where(and(eq(applicationStatusEntries.statusListUrl, statusListUrl), eq(applicationStatusEntries.statusIndex, statusIndex)));
    },
    async findByDigest(digest) {
      return db.select({ applicationId: applicationEvidence.applicationId, position: applicationEvidence.position }).from(applicationEvidence).where(eq(applicationEvidence.digest, digest));
    },
    async listStale(olderThan, limit, after) {
      const stale = lt(applicationEvidence.checkedAt, olderThan);
      const key = sql`(${applicationEvidence.checkedAt}, ${applicationEvidence.applicationId}, ${applicationEvidence.position})`;
      return db
        .select({ applicationId: applicationEvidence.applicationId, position: applicationEvidence.position, checkedAt: applicationEvidence.checkedAt })
        .from(applicationEvidence)
        .where(after ? and(stale, sql`${key} > (${after.checkedAt.toISOString()}::timestamptz, ${after.applicationId}, ${after.position})`) : stale)
        .orderBy(asc(applicationEvidence.checkedAt), asc(applicationEvidence.applicationId), asc(applicationEvidence.position))
        .limit(limit);
    },
    async markStale(refs) {
      if (refs.length === 0) return;
      const epoch = new Date(0);
      await db.transaction(async (tx) => {
        for (const ref of refs) {
          await tx
            .update(applicationEvidence)
            .set({ checkedAt: epoch })
            .where(and(eq(applicationEvidence.applicationId, ref.applicationId), eq(applicationEvidence.position, ref.position)));
        }
      });
    },
    async loadForRecheck(applicationIds) {
      if (applicationIds.length === 0) return [];
      return db
        .select({ id: applications.id, openingId: applications.openingId, credentials: applications.credentials, flags: applications.flags })
        .from(applications)
        .where(inArray(applications.id, [...applicationIds]))
        .orderBy(asc(applications.id));
    },
  };
}
