import type { HolderKeyRecord, Store } from '../core/ports.ts';
import { didKeyFromMultibase, verificationMethodIdForDidKey } from '../crypto/did-key.ts';
import { generateKey } from '../crypto/generate-key.ts';
import { sealSecretKey } from '../crypto/unlocked-key.ts';
import type { WalletDeps } from './wallet-deps.ts';

/** A fresh Ed25519 did:key for the holder, its secret sealed under the KEK, stored as the active key (in `tx`). */
export async function createHolderKey(deps: Pick<WalletDeps, 'kek' | 'clock'>, tx: Store, holderId: string): Promise<HolderKeyRecord> {
  const generated = await generateKey('Ed25519');
  const did = didKeyFromMultibase(generated.publicKeyMultibase);
  const id = verificationMethodIdForDidKey(did);
  const key: HolderKeyRecord = {
    id,
    holderId,
    did,
    algorithm: 'Ed25519',
    publicKeyMultibase: generated.publicKeyMultibase,
    encryptedSecretKey: sealSecretKey(deps.kek, id, generated.secretKey),
    status: 'active',
    createdAt: deps.clock(),
    retiredAt: null,
  };
  generated.secretKey.fill(0);
  await tx.holderKeys.insert(key);
  return key;
}
