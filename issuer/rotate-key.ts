/**
 * `proofline keys rotate`: a new signing key becomes active; the old one is retired but stays in the DID document
 * (verification only), so credentials it signed still verify. did:key cannot rotate: its DID *is* the key.
 */
import { ProoflineError } from '../core/errors.ts';
import type { KeyAlgorithm, KeyPurpose, PublicKeyView } from '../core/keys.ts';
import { toPublicKeyView } from '../core/keys.ts';
import type { IssuerRecord } from '../core/ports.ts';
import { generateKey } from '../crypto/generate-key.ts';
import type { IssuerDeps } from './issuer-deps.ts';
import { keyRecord } from './ensure-issuer.ts';
import { forgetCachedKeys } from './signing-keys.ts';

export async function rotateKey(
  deps: IssuerDeps,
  issuer: IssuerRecord,
  purpose: Exclude<KeyPurpose, 'log'>,
  algorithm: KeyAlgorithm,
): Promise<{ added: PublicKeyView; retired: PublicKeyView | null }> {
  if (issuer.didMethod !== 'web') {
    throw new ProoflineError(
      'CONFLICT',
      'A did:key issuer cannot rotate keys (the DID is the key). Run with PROOFLINE_DID_METHOD=web and an https PUBLIC_URL.',
    );
  }
  const generated = await generateKey(algorithm);
  const result = await deps.store.transaction(async (tx) => {
    await tx.lock(`keys:${issuer.id}`);
    const keys = await tx.keys.listByIssuer(issuer.id);
    const old = keys.find((k) => k.purpose === purpose && k.algorithm === algorithm && k.status === 'active') ?? null;
    const prefix = purpose === 'status' ? 'status' : algorithm === 'P-256' ? 'key-p256' : 'key';
    const taken = new Set(keys.map((k) => k.id));
    let n = keys.filter((k) => k.purpose === purpose && k.algorithm === algorithm).length + 1;
    while (taken.has(`${issuer.did}#${prefix}-${n}`)) n++;
    const now = deps.clock();
    if (old) await tx.keys.retire(old.id, now);
    const added = keyRecord(deps, { id: `${issuer.did}#${prefix}-${n}`, issuerId: issuer.id, purpose, algorithm, generated, now });
    await tx.keys.insert(added);
    await deps.onKeyEvent?.(tx, { type: 'key-rotated', issuerDid: issuer.did, keyId: added.id });
    if (old) await deps.onKeyEvent?.(tx, { type: 'key-retired', issuerDid: issuer.did, keyId: old.id });
    return { added: toPublicKeyView(added), retired: old ? toPublicKeyView({ ...old, status: 'retired', retiredAt: now }) : null };
  });
  forgetCachedKeys();
  return result;
}
