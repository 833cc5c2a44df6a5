/** Key material as the rest of the system sees it: public parts in clear, the secret only ever encrypted. */
export type KeyAlgorithm = 'Ed25519' | 'P-256';

/** Separate keys for credential signing, status lists and log checkpoints (DESIGN.md §5). */
export type KeyPurpose = 'assertion' | 'status' | 'log';

export interface KeyRecord {
  /** Verification method id (absolute DID URL), e.g. `did:web:example.com#key-2`. */
  id: string;
  issuerId: string;
  purpose: KeyPurpose;
  algorithm: KeyAlgorithm;
  /** Multikey public key (`z6Mk...` for Ed25519, `zDna...` for P-256). */
  publicKeyMultibase: string;
  /** AES-256-GCM envelope of the Multikey secret key, see crypto/key-encryption.ts. Never leaves the server. */
  encryptedSecretKey: string;
  status: 'active' | 'retired';
  createdAt: Date;
  retiredAt: Date | null;
}

/** What a public API may show of a key. */
export type PublicKeyView = Omit<KeyRecord, 'encryptedSecretKey'>;

export function toPublicKeyView(key: KeyRecord): PublicKeyView {
  const { encryptedSecretKey: _secret, ...view } = key;
  return view;
}
