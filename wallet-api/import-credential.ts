import { ValidationError } from '../core/errors.ts';
import type { WalletCredentialRecord } from '../core/ports.ts';
import { sha256Hex } from '../crypto/digest.ts';
import { checkWalletCredential } from './check-wallet-credential.ts';
import { toDetail, type WalletCredentialDetail } from './wallet-credential-view.ts';
import type { WalletDeps } from './wallet-deps.ts';

const COMPACT_JWS_WITH_SPACE = /^\s*[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\s*$/;

/**
 * Imports a credential from any issuer: a JSON object (Data Integrity), its JSON text, or a compact JWS (vc+jwt). The
 * bytes are kept exactly (a JSON text as given, a JWS without surrounding whitespace, an object as its JSON text) and verified; the result is kept
 * beside them. A credential that fails verification (tampered, unknown key, unreadable status) is kept as
 * `unverified` with the named problems, never shown as valid; input that is not a credential at all is refused.
 * Importing bytes the holder keeps already answers the kept copy (`created: false`).
 */
export async function importCredential(
  deps: WalletDeps,
  holderId: string,
  input: object | string,
  source: WalletCredentialRecord['source'] = 'import',
): Promise<{ created: boolean; credential: WalletCredentialDetail }> {
  // A compact JWS holds no whitespace: surrounding whitespace (a pasted token's newline) is not part of it.
  const secured = typeof input === 'string' ? (COMPACT_JWS_WITH_SPACE.test(input) ? input.trim() : input) : JSON.stringify(input);
  const digest = sha256Hex(secured);
  const existing = await deps.store.walletCredentials.getByDigest(holderId, digest);
  if (existing) return { created: false, credential: toDetail(existing) };
  const check = await checkWalletCredential(deps, secured);
  if (!check) {
    throw new ValidationError('verifiableCredential is not a credential: neither a JSON object nor a compact JWS (vc+jwt).', [
      { pointer: '/verifiableCredential', detail: 'is not a credential' },
    ]);
  }
  const record: WalletCredentialRecord = { id: deps.newId(), holderId, source, secured, digest, ...check, addedAt: check.checkedAt };
  if (!(await deps.store.walletCredentials.insert(record))) {
    // A concurrent import of the same bytes won.
    const kept = await deps.store.walletCredentials.getByDigest(holderId, digest);
    if (kept) return { created: false, credential: toDetail(kept) };
  }
  return { created: true, credential: toDetail(record) };
}
