/**
 * employerSignUp: a new organisation with its first member, the owner, in one transaction (an organisation never
 * exists without someone who can manage it). addEmployer: an owner adds a member (owner or recruiter).
 */
import { ConflictError, NotFoundError } from '../core/errors.ts';
import type { EmployerRecord, EmployerRole, OrganisationKind, OrganisationRecord } from '../core/marketplace-ports.ts';
import { normalizeEmail } from '../core/normalize-email.ts';
import { hashPassword } from '../crypto/password-hash.ts';
import { createOrganisation } from './create-organisation.ts';
import { toEmployerAccount, type EmployerAccount } from './employer-account.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';

type Deps = Pick<MarketplaceDeps, 'store' | 'clock' | 'newId' | 'passwordCost'>;

export async function employerSignUp(
  deps: Deps,
  input: { email: string; password: string; organisation: { name: string; kind: OrganisationKind; slug?: string } },
): Promise<{ organisation: OrganisationRecord; employer: EmployerAccount }> {
  // scrypt runs before the transaction: a slow hash must not hold a database connection.
  const passwordHash = await hashPassword(input.password, deps.passwordCost ? { log2Cost: deps.passwordCost } : {});
  return deps.store.transaction(async (tx) => {
    const organisation = await createOrganisation({ ...deps, store: tx }, input.organisation);
    const employer = await insertEmployer({ ...deps, store: tx }, organisation.id, normalizeEmail(input.email), passwordHash, 'owner');
    return { organisation, employer: toEmployerAccount(employer) };
  });
}

export async function addEmployer(deps: Deps, organisationId: string, input: { email: string; password: string; role: EmployerRole }): Promise<EmployerAccount> {
  if (!(await deps.store.organisations.getById(organisationId))) throw new NotFoundError(`No organisation ${organisationId}.`);
  const passwordHash = await hashPassword(input.password, deps.passwordCost ? { log2Cost: deps.passwordCost } : {});
  return toEmployerAccount(await insertEmployer(deps, organisationId, normalizeEmail(input.email), passwordHash, input.role));
}

async function insertEmployer(deps: Pick<Deps, 'store' | 'clock' | 'newId'>, organisationId: string, email: string, passwordHash: string, role: EmployerRole): Promise<EmployerRecord> {
  const employer: EmployerRecord = { id: deps.newId(), organisationId, email, passwordHash, role, failedSignIns: 0, lockedUntil: null, createdAt: deps.clock() };
  if (!(await deps.store.employers.create(employer))) throw new ConflictError('An employer account with this email exists already.');
  return employer;
}

/** Removes a member (their sessions end at once). The last owner stays: an organisation always has someone to run it. */
export async function removeEmployer(deps: Pick<Deps, 'store'>, organisationId: string, employerId: string): Promise<void> {
  const members = await deps.store.employers.listByOrganisation(organisationId);
  const target = members.find((m) => m.id === employerId);
  if (!target) throw new NotFoundError(`No member ${employerId} in this organisation.`);
  if (target.role === 'owner' && members.filter((m) => m.role === 'owner').length === 1) {
    throw new ConflictError('This is the organisation\'s last owner: add another owner first.');
  }
  if (!(await deps.store.employers.remove(organisationId, employerId))) throw new NotFoundError(`No member ${employerId} in this organisation.`);
}
