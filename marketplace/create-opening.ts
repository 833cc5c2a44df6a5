/** createOpening: an organisation's opening with its skill requirements. */
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.ts';
import type { OpeningRecord, RemotePolicy, Requirement } from '../core/marketplace-ports.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';

export interface OpeningInput {
  id?: string;
  title: string;
  description: string;
  location: string;
  remote: RemotePolicy;
  employmentType?: string;
  requirements: Requirement[];
  acceptedIssuers?: string[];
}

export async function createOpening(deps: Pick<MarketplaceDeps, 'store' | 'clock' | 'newId'>, organisationId: string, input: OpeningInput): Promise<OpeningRecord> {
  if (!(await deps.store.organisations.getById(organisationId))) throw new NotFoundError(`No organisation ${organisationId}.`);
  const skills = input.requirements.map((r) => r.skill);
  const duplicate = skills.find((s, i) => skills.indexOf(s) !== i);
  if (duplicate) throw new ValidationError(`The skill ${duplicate} is required twice.`, [{ pointer: '/requirements', detail: 'skills must be distinct' }]);
  const opening: OpeningRecord = {
    id: input.id ?? deps.newId(),
    organisationId,
    title: input.title,
    description: input.description,
    location: input.location,
    remote: input.remote,
    employmentType: input.employmentType ?? null,
    requirements: input.requirements.map((r) => ({ skill: r.skill, minLevel: r.minLevel, required: r.required, weight: r.weight, ...(r.maxAgeMonths !== undefined ? { maxAgeMonths: r.maxAgeMonths } : {}) })),
    acceptedIssuers: input.acceptedIssuers ?? [],
    status: 'open',
    createdAt: deps.clock(),
  };
  if (!(await deps.store.openings.create(opening))) throw new ConflictError(`An opening with id "${opening.id}" exists already.`);
  return opening;
}
