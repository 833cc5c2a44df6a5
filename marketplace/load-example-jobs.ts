/**
 * loadExampleJobs: the demo organisations and openings (examples/jobs.json), created once; running it again adds only
 * what is missing (organisations by slug, openings by id), so several processes may start together.
 */
import type { Clock } from '../core/clock.ts';
import type { OrganisationKind, RemotePolicy, Requirement } from '../core/marketplace-ports.ts';
import type { Store } from '../core/ports.ts';
import { slugify } from './slugify.ts';

export interface ExampleJob {
  id: string;
  title: string;
  organisation: { name: string; kind: OrganisationKind };
  location: string;
  remote: RemotePolicy;
  employmentType?: string;
  description: string;
  requirements: Requirement[];
  acceptedIssuers?: string[];
}

export async function loadExampleJobs(store: Store, jobs: readonly ExampleJob[], { clock, newId }: { clock: Clock; newId: () => string }): Promise<number> {
  return store.transaction(async (tx) => {
    await tx.lock('marketplace-example-jobs');
    let added = 0;
    for (const job of jobs) {
      const slug = slugify(job.organisation.name);
      let organisation = await tx.organisations.getBySlug(slug);
      if (!organisation) {
        organisation = { id: newId(), slug, name: job.organisation.name, kind: job.organisation.kind, createdAt: clock() };
        await tx.organisations.create(organisation);
      }
      const created = await tx.openings.create({
        id: job.id,
        organisationId: organisation.id,
        title: job.title,
        description: job.description,
        location: job.location,
        remote: job.remote,
        employmentType: job.employmentType ?? null,
        requirements: job.requirements,
        acceptedIssuers: job.acceptedIssuers ?? [],
        status: 'open',
        createdAt: clock(),
      });
      if (created) added += 1;
    }
    return added;
  });
}
