/**
 * An organisation's API keys (`plk_` + 32 random bytes): created by an owner (or the platform admin) with organisation
 * scopes, shown once, stored as SHA-256; listed without the secret; revoked at once.
 */
import { ValidationError } from '../core/errors.ts';
import { API_KEY_SCOPES, type OrganisationApiKeyRecord, type OrganisationScope } from '../core/marketplace-ports.ts';
import { sha256Hex } from '../crypto/digest.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';

export interface OrganisationApiKeyView {
  id: string;
  organisationId: string;
  label: string;
  scopes: OrganisationScope[];
  createdAt: string;
  revokedAt: string | null;
}

export function toApiKeyView(key: OrganisationApiKeyRecord): OrganisationApiKeyView {
  return { id: key.id, organisationId: key.organisationId, label: key.label, scopes: key.scopes, createdAt: key.createdAt.toISOString(), revokedAt: key.revokedAt?.toISOString() ?? null };
}

export async function createOrganisationApiKey(
  deps: Pick<MarketplaceDeps, 'store' | 'clock' | 'newId' | 'randomBytes'>,
  organisationId: string,
  input: { label: string; scopes: OrganisationScope[]; createdBy: string | null },
): Promise<{ key: string; apiKey: OrganisationApiKeyView }> {
  const refused = input.scopes.filter((s) => !API_KEY_SCOPES.includes(s));
  if (refused.length > 0) throw new ValidationError(`An API key cannot carry ${refused.join(', ')}.`, [{ pointer: '/scopes', detail: `one of ${API_KEY_SCOPES.join(', ')}` }]);
  const key = `plk_${Buffer.from(deps.randomBytes(32)).toString('base64url')}`;
  const record: OrganisationApiKeyRecord = {
    id: deps.newId(),
    organisationId,
    label: input.label,
    hash: sha256Hex(key),
    scopes: [...new Set(input.scopes)],
    createdBy: input.createdBy,
    createdAt: deps.clock(),
    revokedAt: null,
  };
  await deps.store.organisationApiKeys.insert(record);
  return { key, apiKey: toApiKeyView(record) };
}
