/**
 * The log's checkpoint key: a dedicated Ed25519 key (purpose 'log', DESIGN.md §5) in the keys table, sealed with the
 * KEK like every other key, created on first use. It belongs to an issuer row only because every key row does; it is
 * not in any DID document. Its C2SP note key name is the log's origin.
 */
import type { Clock } from '../core/clock.ts';
import { ProoflineError } from '../core/errors.ts';
import type { KeyRecord } from '../core/keys.ts';
import type { Store } from '../core/ports.ts';
import { ed25519Sign, rawPublicKeyFromMultibase } from '../crypto/ed25519-raw.ts';
import { generateKey } from '../crypto/generate-key.ts';
import { sealSecretKey, unlockKey } from '../crypto/unlocked-key.ts';
import { formatVerifierKey, noteKeyId, type NoteSigner } from './signed-note.ts';

export interface LogKey {
  /** The stored key row's id (`<issuer DID>#log-<n>`). */
  id: string;
  publicKey: Uint8Array;
  /** `<origin>+<hex key id>+<base64(0x01 || public key)>`: what GET /log/key serves and auditors pin. */
  verifierKey: string;
  signer: NoteSigner;
}

export interface LogKeyOptions {
  store: Store;
  kek: Uint8Array;
  clock: Clock;
  /** Key name in notes: the checkpoint origin. */
  origin: string;
  /** The issuer that owns the key row. */
  issuerSlug: string;
}

/** Finds the active log key of the issuer, or creates it (once, across processes), and unlocks it. */
export async function loadLogKey({ store, kek, clock, origin, issuerSlug }: LogKeyOptions): Promise<LogKey> {
  const issuer = await store.issuers.getBySlug(issuerSlug);
  if (!issuer) throw new ProoflineError('KEY_UNAVAILABLE', `No issuer "${issuerSlug}" to own the log key.`);
  let record = await store.keys.getActive(issuer.id, 'log', 'Ed25519');
  if (!record) {
    const generated = await generateKey('Ed25519');
    record = await store.transaction(async (tx) => {
      await tx.lock(`keys:${issuer.id}`);
      const again = await tx.keys.getActive(issuer.id, 'log', 'Ed25519');
      if (again) return again;
      const taken = new Set((await tx.keys.listByIssuer(issuer.id)).map((k) => k.id));
      let n = 1;
      while (taken.has(`${issuer.did}#log-${n}`)) n++;
      const id = `${issuer.did}#log-${n}`;
      const created: KeyRecord = {
        id,
        issuerId: issuer.id,
        purpose: 'log',
        algorithm: 'Ed25519',
        publicKeyMultibase: generated.publicKeyMultibase,
        encryptedSecretKey: sealSecretKey(kek, id, generated.secretKey),
        status: 'active',
        createdAt: clock(),
        retiredAt: null,
      };
      await tx.keys.insert(created);
      return created;
    });
  }
  const unlocked = await unlockKey(record, kek);
  const publicKey = rawPublicKeyFromMultibase(record.publicKeyMultibase);
  return {
    id: record.id,
    publicKey,
    verifierKey: formatVerifierKey(origin, publicKey),
    signer: {
      name: origin,
      keyId: noteKeyId(origin, publicKey),
      sign: (message) => ed25519Sign(unlocked.privateKey, message),
    },
  };
}

/**
 * The C2SP origin of a log served under `publicUrl`: host (and port, and path) without the scheme, then `/log`
 * (tlog-checkpoint §Origin: a schema-less URL). `https://academy.example/` → `academy.example/log`.
 */
export function logOrigin(publicUrl: string): string {
  const url = new URL(publicUrl);
  return `${url.host}${url.pathname.replace(/\/+$/, '')}/log`;
}
