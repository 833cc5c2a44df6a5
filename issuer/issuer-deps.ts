/** What the issuer's services receive: storage, key-encryption key, clock and randomness are all injected. */
import type { Clock, RandomInt } from '../core/clock.ts';
import type { Store } from '../core/ports.ts';

/** A key event for the transparency log; runs inside the transaction that adds or retires the key. */
export type OnKeyEvent = (
  tx: Store,
  event: { type: 'key-added' | 'key-rotated' | 'key-retired'; issuerDid: string; keyId: string },
) => Promise<unknown>;
import type { DocumentLoader } from '../contexts/document-loader.ts';

/**
 * Runs once a status change has committed (the marketplace re-checks the applications that rely on the credential).
 * Named apart from the in-transaction `onStatusChanged` of issuerRoutes (the log's entry), which it complements.
 * Its failures are its own: the change stands whatever the hook does.
 */
export type AfterStatusChanged = (event: {
  credentialId: string;
  change: 'revocation' | 'suspension' | 'unsuspension';
  statusListCredential: string;
  statusListIndex: number;
}) => Promise<void>;

export interface IssuerDeps {
  store: Store;
  /** Key-encryption key for the private keys at rest (32 bytes). */
  kek: Uint8Array;
  publicUrl: string;
  clock: Clock;
  newId: () => string;
  randomInt: RandomInt;
  documentLoader: DocumentLoader;
  /** Bits per status list (≥ 131,072). */
  statusListLength: number;
  onKeyEvent?: OnKeyEvent;
  afterStatusChanged?: AfterStatusChanged;
  /** 'jsonld' turns the canonicalization fast path off (PROOFLINE_FAST_CANONIZE=off). */
  canonize?: 'fast' | 'jsonld';
}

export function credentialSchemaUrl(publicUrl: string): string {
  return `${publicUrl}/schemas/open-badge-credential.json`;
}

export function statusListUrl(publicUrl: string, listId: string): string {
  return `${publicUrl}/status-lists/${listId}`;
}
