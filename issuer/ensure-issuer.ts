/**
 * Creates an issuer with its keys on first start (idempotent, safe with several processes starting at once).
 * did:web: one DID, separate keys for credentials (Ed25519 and P-256) and status lists, all in one DID document.
 * did:key: a DID is a key, so the issuer has one DID per algorithm and signs its status lists with its Ed25519 key.
 */
import type { KeyAlgorithm, KeyPurpose, KeyRecord } from '../core/keys.ts';
import type { DidMethod, IssuerRecord } from '../core/ports.ts';
import { generateKey } from '../crypto/generate-key.ts';
import { sealSecretKey } from '../crypto/unlocked-key.ts';
import { didKeyFromMultibase } from '../crypto/did-key.ts';
import { didWebFromUrl } from '../crypto/did-document.ts';
import type { IssuerDeps } from './issuer-deps.ts';
import { controllerOf } from './signing-keys.ts';

export interface IssuerSpec {
  slug: string;
  name: string;
  didMethod: DidMethod;
  profile?: Record<string, unknown>;
}

/** The Academy's DID is the host's root did:web (`/.well-known/did.json`); others live under `/issuers/{slug}`. */
export const DEFAULT_ISSUER_SLUG = 'academy';

export async function ensureIssuer(deps: IssuerDeps, spec: IssuerSpec): Promise<IssuerRecord> {
  const found = await deps.store.issuers.getBySlug(spec.slug);
  if (found) return found;
  return deps.store.transaction(async (tx) => {
    await tx.lock(`issuer:${spec.slug}`);
    const again = await tx.issuers.getBySlug(spec.slug);
    if (again) return again;
    const now = deps.clock();
    const issuerId = deps.newId();
    const ed = await generateKey('Ed25519');
    const p256 = await generateKey('P-256');
    const keys: KeyRecord[] = [];
    let did: string;
    if (spec.didMethod === 'web') {
      did = spec.slug === DEFAULT_ISSUER_SLUG ? didWebFromUrl(deps.publicUrl) : didWebFromUrl(deps.publicUrl, `issuers/${spec.slug}`);
      const status = await generateKey('Ed25519');
      keys.push(
        keyRecord(deps, { id: `${did}#key-1`, issuerId, purpose: 'assertion', algorithm: 'Ed25519', generated: ed, now }),
        keyRecord(deps, { id: `${did}#key-p256-1`, issuerId, purpose: 'assertion', algorithm: 'P-256', generated: p256, now }),
        keyRecord(deps, { id: `${did}#status-1`, issuerId, purpose: 'status', algorithm: 'Ed25519', generated: status, now }),
      );
    } else {
      did = didKeyFromMultibase(ed.publicKeyMultibase);
      const p256Did = didKeyFromMultibase(p256.publicKeyMultibase);
      keys.push(
        keyRecord(deps, { id: `${did}#${ed.publicKeyMultibase}`, issuerId, purpose: 'assertion', algorithm: 'Ed25519', generated: ed, now }),
        keyRecord(deps, { id: `${p256Did}#${p256.publicKeyMultibase}`, issuerId, purpose: 'assertion', algorithm: 'P-256', generated: p256, now }),
      );
    }
    const issuer: IssuerRecord = {
      id: issuerId,
      slug: spec.slug,
      name: spec.name,
      did,
      didMethod: spec.didMethod,
      profile: { url: deps.publicUrl, ...spec.profile },
      createdAt: now,
    };
    await tx.issuers.create(issuer);
    for (const key of keys) {
      await tx.keys.insert(key);
      await deps.onKeyEvent?.(tx, { type: 'key-added', issuerDid: controllerOf(key.id), keyId: key.id });
    }
    return issuer;
  });
}

export function keyRecord(
  deps: Pick<IssuerDeps, 'kek'>,
  k: {
    id: string;
    issuerId: string;
    purpose: KeyPurpose;
    algorithm: KeyAlgorithm;
    generated: { publicKeyMultibase: string; secretKey: Uint8Array };
    now: Date;
  },
): KeyRecord {
  return {
    id: k.id,
    issuerId: k.issuerId,
    purpose: k.purpose,
    algorithm: k.algorithm,
    publicKeyMultibase: k.generated.publicKeyMultibase,
    // The key id is bound into the envelope (AAD): a secret cannot be swapped onto another key row.
    encryptedSecretKey: sealSecretKey(deps.kek, k.id, k.generated.secretKey),
    status: 'active',
    createdAt: k.now,
    retiredAt: null,
  };
}
