/**
 * Ports: what the roles need from storage, as interfaces. `storage/` implements them on PostgreSQL (PGlite or a
 * server); roles receive a `Store` as an argument and never import `storage/`.
 */
import type { HolderEmailRepository } from './holder-email-ports.ts';
import type { KeyAlgorithm, KeyPurpose, KeyRecord } from './keys.ts';
import type { EvidenceRepository, WebhookRepository } from './marketplace-evidence-ports.ts';
import type { ApplicationRepository, EmployerRepository, OpeningRepository, OrganisationApiKeyRepository, OrganisationRepository, OrganisationScope, OrganisationVerificationRepository, RevealRepository } from './marketplace-ports.ts';

export type DidMethod = 'web' | 'key';

export interface IssuerRecord {
  /** Internal id (uuid). */
  id: string;
  /** URL-safe short name: `/issuers/{slug}`. */
  slug: string;
  name: string;
  /** The issuer's current DID. */
  did: string;
  didMethod: DidMethod;
  /** Extra Open Badges 3.0 Profile fields (url, email, description, image...). */
  profile: Record<string, unknown>;
  createdAt: Date;
}

export interface IssuerRepository {
  create(issuer: IssuerRecord): Promise<void>;
  getById(id: string): Promise<IssuerRecord | null>;
  getBySlug(slug: string): Promise<IssuerRecord | null>;
  getByDid(did: string): Promise<IssuerRecord | null>;
  list(): Promise<IssuerRecord[]>;
  updateDid(id: string, did: string): Promise<void>;
}

export interface KeyRepository {
  insert(key: KeyRecord): Promise<void>;
  listByIssuer(issuerId: string): Promise<KeyRecord[]>;
  getActive(issuerId: string, purpose: KeyPurpose, algorithm: KeyAlgorithm): Promise<KeyRecord | null>;
  retire(id: string, at: Date): Promise<void>;
}

export interface AchievementRecord {
  /** The Achievement's IRI (its `id`). */
  id: string;
  slug: string;
  issuerId: string;
  /** The Open Badges 3.0 `Achievement` object, as published. */
  body: Record<string, unknown>;
  createdAt: Date;
}

export interface AchievementRepository {
  /** Inserts; returns false (and changes nothing) when the slug or id exists already. */
  create(achievement: AchievementRecord): Promise<boolean>;
  getById(id: string): Promise<AchievementRecord | null>;
  getBySlug(slug: string): Promise<AchievementRecord | null>;
  list(filter?: { issuerId?: string }): Promise<AchievementRecord[]>;
  count(): Promise<number>;
}

export type StatusPurpose = 'revocation' | 'suspension';

export interface StatusAllocation {
  listId: string;
  index: number;
}

/** Formats this server signs. */
export type CredentialFormat = 'eddsa-rdfc-2022' | 'ecdsa-rdfc-2019' | 'ecdsa-sd-2023' | 'vc+jwt';

export interface CredentialRecord {
  /** The credential's `id` (`urn:uuid:...` when the caller gave none). */
  id: string;
  issuerId: string;
  achievementId: string | null;
  format: CredentialFormat;
  /** Exact secured bytes as issued: JSON text (Data Integrity) or a compact JWS (`vc+jwt`). */
  secured: string;
  /** Lowercase hex SHA-256 of `secured` (UTF-8). */
  digest: string;
  /** Subject DID or OB 3.0 identity hash, for lookups by the wallet; never written to the log. */
  recipient: string | null;
  idempotencyKey: string | null;
  /** SHA-256 of the canonical request, to tell a retry from a different request reusing a key. */
  requestHash: string | null;
  revocation: StatusAllocation;
  suspension: StatusAllocation;
  validFrom: Date;
  validUntil: Date | null;
  issuedAt: Date;
  revokedAt: Date | null;
  suspended: boolean;
}

export interface CredentialRepository {
  insert(credential: CredentialRecord): Promise<void>;
  getById(id: string): Promise<CredentialRecord | null>;
  getByIdempotencyKey(issuerId: string, key: string): Promise<CredentialRecord | null>;
  /** Records a status change on the credential row (the list bit is set through StatusListRepository). */
  updateStatus(id: string, change: { revokedAt?: Date | null; suspended?: boolean }): Promise<void>;
  count(filter?: { issuerId?: string }): Promise<number>;
  /** Credentials whose `recipient` equals this DID or identity hash, oldest first (the wallet's sync; read-only). */
  listByRecipient(recipient: string): Promise<CredentialRecord[]>;
}

export interface StatusListRecord {
  /** Short opaque id: `/status-lists/{id}`. */
  id: string;
  issuerId: string;
  purpose: StatusPurpose;
  /** Number of entries (bits); at least 131,072 (Bitstring Status List §6.1 herd privacy). */
  length: number;
  /** Entries allocated so far. */
  allocated: number;
  /** Bumped on every bit change, so a cached signed list is known stale. */
  version: number;
  /** Last signed BitstringStatusListCredential (JSON text) and the version it reflects. */
  signed: string | null;
  signedVersion: number | null;
  createdAt: Date;
}

export interface StatusListRepository {
  create(list: StatusListRecord): Promise<void>;
  get(id: string): Promise<StatusListRecord | null>;
  /** A list of this issuer and purpose with room left (allocated < maxAllocated), or null. */
  findOpen(issuerId: string, purpose: StatusPurpose, maxAllocated: number): Promise<StatusListRecord | null>;
  /** Claims `index` in the list for a credential; false if the index is taken (then nothing changed). */
  allocate(listId: string, index: number, credentialId: string): Promise<boolean>;
  /** Sets or clears one bit; returns false when the bit already had that value. Bumps `version` on change. */
  setBit(listId: string, index: number, value: boolean): Promise<boolean>;
  /** Indices whose bit is set. */
  setIndices(listId: string): Promise<number[]>;
  saveSigned(listId: string, version: number, signed: string): Promise<void>;
}

/** Platform token scopes, and the organisation scopes an organisation's sessions and API keys carry (marketplace-ports). */
export type Scope = 'admin' | 'issue' | 'status' | 'catalog' | 'keys' | 'match' | OrganisationScope;

export interface TokenRecord {
  id: string;
  label: string;
  /** Lowercase hex SHA-256 of the bearer token; the token itself is never stored. */
  hash: string;
  scopes: Scope[];
  createdAt: Date;
  revokedAt: Date | null;
}

export interface TokenRepository {
  insert(token: TokenRecord): Promise<void>;
  findByHash(hash: string): Promise<TokenRecord | null>;
  list(): Promise<TokenRecord[]>;
  revoke(id: string, at: Date): Promise<void>;
}

/** Small server-wide JSON values by key (bootstrap markers, one-off settings). */
export interface SettingsRepository {
  /** The stored JSON value, or null when the key is unset. */
  get(key: string): Promise<unknown>;
  /** Inserts or replaces the value. */
  put(key: string, value: unknown): Promise<void>;
  /** Inserts only when the key is unset; false (and nothing changed) when another writer got there first. */
  putIfAbsent(key: string, value: unknown): Promise<boolean>;
}

/** One transparency-log leaf as stored (see log/log-entry.ts for the leaf format). */
export interface LogEntryRecord {
  /** Position in the log, gap-free from 0. */
  index: number;
  /** The exact leaf bytes (canonical JSON of the event). */
  leaf: Uint8Array;
  /** RFC 9162 leaf hash: SHA-256(0x00 || leaf). */
  leafHash: Uint8Array;
  /** The credential's digest on an issuance leaf (one issuance per credential); null on every other leaf. */
  credentialDigest: string | null;
  createdAt: Date;
}

/** The stored hash of a perfect subtree: 2^level leaves starting at leaf `index * 2^level`. */
export interface LogSubtreeRecord {
  level: number;
  index: number;
  hash: Uint8Array;
}

export interface LogCheckpointRecord {
  size: number;
  root: Uint8Array;
  /** The C2SP signed note, exactly as served. */
  note: string;
  createdAt: Date;
}

export interface LogRepository {
  /** Entries so far (entries are gap-free, so also the next index) and the leaf hash of the last one. */
  head(): Promise<{ size: number; lastLeafHash: Uint8Array | null }>;
  /** Inserts one entry and the perfect subtrees it completes; ConflictError when the index is taken. */
  append(entry: LogEntryRecord, subtrees: LogSubtreeRecord[]): Promise<void>;
  /** The stored subtrees among `ids`, in one query (missing ones are simply absent). */
  subtrees(ids: readonly { level: number; index: number }[]): Promise<LogSubtreeRecord[]>;
  /** Entries with start <= index < end, in index order. */
  entries(start: number, end: number): Promise<LogEntryRecord[]>;
  getEntry(index: number): Promise<LogEntryRecord | null>;
  /** The first entry with this leaf hash. */
  findByLeafHash(leafHash: Uint8Array): Promise<LogEntryRecord | null>;
  /** The issuance entry of the credential with this digest. */
  findIssuance(credentialDigest: string): Promise<LogEntryRecord | null>;
  latestCheckpoint(): Promise<LogCheckpointRecord | null>;
  getCheckpoint(size: number): Promise<LogCheckpointRecord | null>;
  /** Inserts; false (and nothing changed) when a checkpoint of that size exists already. */
  saveCheckpoint(checkpoint: LogCheckpointRecord): Promise<boolean>;
}

/** A single-use presentation challenge (VC-API createChallenge). */
export interface ChallengeRecord {
  /** 128 random bits, base64url. */
  challenge: string;
  /** The domain the presentation must name, when the verifier fixed one at creation. */
  domain: string | null;
  createdAt: Date;
  expiresAt: Date;
  consumedAt: Date | null;
}

/** Why a challenge could not be consumed. */
export type ChallengeRefusal = 'unknown' | 'consumed' | 'expired' | 'domain-mismatch';

export type ChallengeConsumeResult = { consumed: true; record: ChallengeRecord } | { consumed: false; reason: ChallengeRefusal };

export interface ChallengeRepository {
  /** Inserts; ConflictError when the challenge exists already. */
  create(challenge: ChallengeRecord): Promise<void>;
  /**
   * Marks the challenge used, atomically: one statement that succeeds for exactly one caller, whatever the
   * concurrency, and only while it is unused, unexpired at `now`, and (when it was created with a domain) for `domain`.
   */
  consume(challenge: string, options: { now: Date; domain: string | null }): Promise<ChallengeConsumeResult>;
  /**
   * Deletes challenges that expired before `before`; returns how many. A deleted challenge can never be consumed (it
   * is then 'unknown'), so purging after expiry keeps single use.
   */
  purgeExpired(before: Date): Promise<number>;
}

/** What a trusted issuer may attest; an absent list does not restrict. */
export interface TrustScope {
  /** Open Badges achievementType values (e.g. Certificate, Badge). */
  achievementTypes?: string[];
  /** Skill URI prefixes (alignment targetUrl, e.g. https://esco.example/skill/). */
  skillPrefixes?: string[];
}

export interface TrustedIssuerRecord {
  /** The issuer's DID. */
  did: string;
  name: string;
  /** null: trusted for anything. */
  scope: TrustScope | null;
  addedAt: Date;
}

export interface TrustedIssuerRepository {
  /** Inserts or replaces the entry for this DID. */
  put(issuer: TrustedIssuerRecord): Promise<void>;
  get(did: string): Promise<TrustedIssuerRecord | null>;
  list(): Promise<TrustedIssuerRecord[]>;
  /** False when the DID was not in the registry. */
  remove(did: string): Promise<boolean>;
}

/** A wallet holder (wallet-api/): a learner's account, separate from the API tokens of `tokens`. */
export interface HolderRecord {
  id: string;
  /** Trimmed and lowercased; unique. */
  email: string;
  /** crypto/password-hash.ts encoding (scrypt with its parameters and salt); the password itself is never stored. */
  passwordHash: string;
  /** Failed sign-ins counted since the last success (or since the last lock ended). */
  failedSignIns: number;
  /** Sign-in is refused until then. */
  lockedUntil: Date | null;
  createdAt: Date;
}

export interface HolderRepository {
  /** Inserts; false (and nothing changed) when the email is taken. */
  create(holder: HolderRecord): Promise<boolean>;
  getById(id: string): Promise<HolderRecord | null>;
  getByEmail(email: string): Promise<HolderRecord | null>;
  /**
   * Counts one failed sign-in at `now`, in one statement (concurrent failures all count). A lock that has ended starts
   * a fresh count; reaching `maxFailures` sets `lockedUntil`. Returns the updated record.
   */
  recordFailedSignIn(id: string, options: { now: Date; maxFailures: number; lockUntil: Date }): Promise<HolderRecord>;
  /** A successful sign-in: the count goes back to 0 and any ended lock is cleared. */
  clearFailedSignIns(id: string): Promise<void>;
}

/** A holder's did:key (Ed25519). Rotation retires the old key: it is kept so credentials bound to its DID still present. */
export interface HolderKeyRecord {
  /** Verification method id: `did:key:z…#z…`. */
  id: string;
  holderId: string;
  did: string;
  algorithm: KeyAlgorithm;
  publicKeyMultibase: string;
  /** AES-256-GCM envelope under the KEK (crypto/unlocked-key.ts sealSecretKey). Never leaves the server. */
  encryptedSecretKey: string;
  status: 'active' | 'retired';
  createdAt: Date;
  retiredAt: Date | null;
}

export interface HolderKeyRepository {
  /** Inserts; ConflictError when the holder has an active key already (retire it first, in the same transaction). */
  insert(key: HolderKeyRecord): Promise<void>;
  getActive(holderId: string): Promise<HolderKeyRecord | null>;
  /** Every key of the holder, oldest first. */
  listByHolder(holderId: string): Promise<HolderKeyRecord[]>;
  retire(id: string, at: Date): Promise<void>;
}

/** One access/refresh token pair. Tokens are random and opaque; only their SHA-256 is stored. */
export interface HolderSessionRecord {
  id: string;
  /** The sign-in this pair descends from through refreshes: reusing a rotated refresh token revokes the whole family. */
  familyId: string;
  holderId: string;
  accessHash: string;
  accessExpiresAt: Date;
  refreshHash: string;
  refreshExpiresAt: Date;
  createdAt: Date;
  /** Set when the refresh token was exchanged for a new pair: neither token of this pair works any more. */
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

export type RefreshRefusal = 'unknown' | 'expired' | 'revoked' | 'reused';

export type RotateSessionResult =
  | { rotated: true; session: HolderSessionRecord }
  | { rotated: false; reason: RefreshRefusal; session: HolderSessionRecord | null };

export interface HolderSessionRepository {
  insert(session: HolderSessionRecord): Promise<void>;
  /** The pair whose access token hashes to `accessHash`, when usable at `now` (unexpired, unrotated, unrevoked). */
  findByAccessHash(accessHash: string, now: Date): Promise<HolderSessionRecord | null>;
  /**
   * Marks the pair holding this refresh token rotated: one statement, so exactly one concurrent caller succeeds, and
   * only while it is unexpired, unrotated and unrevoked at `now`. Otherwise says why ('reused': rotated already).
   */
  rotate(refreshHash: string, now: Date): Promise<RotateSessionResult>;
  /** Revokes every pair of the family (sign-out, refresh-token reuse). */
  revokeFamily(familyId: string, at: Date): Promise<void>;
  /** Deletes pairs whose refresh token expired before `before` (no token of theirs can be used again); returns how many. */
  purgeExpired(before: Date): Promise<number>;
}

/** What the wallet's last check of a credential said. */
export type WalletCredentialStatus = 'verified' | 'unverified' | 'expired' | 'revoked' | 'suspended';

/** A credential a holder keeps: the exact bytes received, with what the last verification said. */
export interface WalletCredentialRecord {
  /** The wallet's own id (uuid): `/wallet/credentials/{id}`. */
  id: string;
  holderId: string;
  /** 'academy': synced from this server's awards; 'import': brought by the holder. */
  source: 'academy' | 'import';
  format: 'data-integrity' | 'vc+jwt';
  /** Exactly as received: JSON text (Data Integrity) or a compact JWS (vc+jwt). Never rewritten. */
  secured: string;
  /** Lowercase hex SHA-256 of `secured` (UTF-8); one copy per holder. */
  digest: string;
  /** The credential's own `id`, when it has one. */
  credentialId: string | null;
  issuer: string | null;
  achievementId: string | null;
  name: string | null;
  /** Skill URIs the credential attests (verifier extractSkills). */
  skills: string[];
  validUntil: Date | null;
  status: WalletCredentialStatus;
  /** The last verification result (verifier/ VerificationResult without the parsed credential). */
  verification: Record<string, unknown>;
  checkedAt: Date;
  addedAt: Date;
}

export type WalletCredentialSummaryRecord = Omit<WalletCredentialRecord, 'secured' | 'verification'>;

export interface WalletCredentialFilter {
  issuer?: string;
  achievement?: string;
  skill?: string;
  status?: WalletCredentialStatus;
  /** validUntil before this time (credentials without one never match). */
  expiresBefore?: Date;
  /** validUntil after this time, or no validUntil. */
  expiresAfter?: Date;
}

/** Every method is scoped to one holder: a holder's id is part of every lookup, so no call reaches another's rows. */
export interface WalletCredentialRepository {
  /** Inserts; false (and nothing changed) when the holder keeps these exact bytes already. */
  insert(credential: WalletCredentialRecord): Promise<boolean>;
  get(holderId: string, id: string): Promise<WalletCredentialRecord | null>;
  getByDigest(holderId: string, digest: string): Promise<WalletCredentialRecord | null>;
  /** Newest first. */
  list(holderId: string, filter?: WalletCredentialFilter): Promise<WalletCredentialRecord[]>;
  /** As `list`, without the kept bytes and the verification result (what a listing shows: a fraction of each row). */
  listSummaries(holderId: string, filter?: WalletCredentialFilter): Promise<WalletCredentialSummaryRecord[]>;
  /** Records a fresh check; false when the holder has no such credential. */
  updateCheck(holderId: string, id: string, check: Pick<WalletCredentialRecord, 'status' | 'verification' | 'checkedAt'>): Promise<boolean>;
  /** False when the holder has no such credential. */
  delete(holderId: string, id: string): Promise<boolean>;
}

/**
 * A share link (wallet-api/): a standing disclosure of chosen credentials to whoever holds the token. Only the token's
 * SHA-256 is stored; the token is shown once, when the link is made.
 */
export interface WalletShareRecord {
  id: string;
  holderId: string;
  tokenHash: string;
  /** Wallet credential ids (of this holder), in the order chosen. */
  credentialIds: string[];
  /** When set, a viewer must give this exact string as `?audience=`. */
  audience: string | null;
  maxViews: number | null;
  /** Presentations served so far. */
  views: number;
  expiresAt: Date;
  revokedAt: Date | null;
  createdAt: Date;
}

/** What an access to a share link came to. Only 'served' counts as a view. */
export type ShareAccessOutcome = 'served' | 'expired' | 'revoked' | 'exhausted' | 'wrong-audience' | 'unavailable';

/** One access to a share link, for the holder to see. No IP address is kept; the user agent only as a SHA-256. */
export interface WalletShareAccessRecord {
  id: string;
  shareId: string;
  accessedAt: Date;
  /** The `?audience=` the viewer gave, if any. */
  audience: string | null;
  userAgentHash: string | null;
  outcome: ShareAccessOutcome;
}

export type ConsumeShareViewResult =
  | { served: true; share: WalletShareRecord }
  | { served: false; reason: 'unknown' | 'expired' | 'revoked' | 'exhausted'; share: WalletShareRecord | null };

/** Holder-scoped like the credentials, except the lookups by token hash that the public share route needs. */
export interface WalletShareRepository {
  insert(share: WalletShareRecord): Promise<void>;
  getByTokenHash(tokenHash: string): Promise<WalletShareRecord | null>;
  /**
   * Counts one view in one statement, only while the link is unrevoked, unexpired at `now` and under `maxViews`: of
   * concurrent viewers of a link with one view left, exactly one is served. Otherwise says why.
   */
  consumeView(tokenHash: string, now: Date): Promise<ConsumeShareViewResult>;
  recordAccess(access: WalletShareAccessRecord): Promise<void>;
  /** The holder's links, newest first. */
  list(holderId: string): Promise<WalletShareRecord[]>;
  /** Accesses to the holder's links, oldest first. */
  listAccesses(holderId: string): Promise<WalletShareAccessRecord[]>;
  /** Sets revokedAt (kept when revoked already); false when the holder has no such link. */
  revoke(holderId: string, id: string, at: Date): Promise<boolean>;
}

/** Failed sign-ins counted by an opaque key (sign-in-with-password.ts: an email without an account, hashed). */
export interface SignInFailureRecord {
  failedSignIns: number;
  lockedUntil: Date | null;
}

/**
 * Failed sign-ins for emails that have no account, so that lockout answers alike whether an account exists (an
 * account keeps its own count, as before).
 */
export interface SignInFailureRepository {
  get(key: string): Promise<SignInFailureRecord | null>;
  /** One statement: counts a failure and, at `maxFailures`, locks until `lockUntil`; a lock that has ended starts afresh. */
  recordFailure(key: string, options: { now: Date; maxFailures: number; lockUntil: Date }): Promise<SignInFailureRecord>;
  /** Deletes counts last changed before `before` whose lock (if any) ended before it too; returns how many. */
  purgeBefore(before: Date): Promise<number>;
}

export interface Store {
  readonly issuers: IssuerRepository;
  readonly keys: KeyRepository;
  readonly achievements: AchievementRepository;
  readonly credentials: CredentialRepository;
  readonly statusLists: StatusListRepository;
  readonly tokens: TokenRepository;
  readonly settings: SettingsRepository;
  readonly log: LogRepository;
  readonly challenges: ChallengeRepository;
  readonly trustedIssuers: TrustedIssuerRepository;
  readonly holders: HolderRepository;
  readonly holderKeys: HolderKeyRepository;
  readonly holderSessions: HolderSessionRepository;
  readonly signInFailures: SignInFailureRepository;
  readonly walletCredentials: WalletCredentialRepository;
  readonly walletShares: WalletShareRepository;
  readonly holderEmails: HolderEmailRepository;
  readonly organisations: OrganisationRepository;
  readonly openings: OpeningRepository;
  readonly applications: ApplicationRepository;
  readonly evidence: EvidenceRepository;
  readonly webhooks: WebhookRepository;
  readonly employers: EmployerRepository;
  readonly organisationApiKeys: OrganisationApiKeyRepository;
  readonly organisationVerifications: OrganisationVerificationRepository;
  readonly reveals: RevealRepository;
  /**
   * Runs `fn` in one database transaction with a Store bound to it: all of its writes commit together or none do.
   * Nested calls reuse the outer transaction, inside a savepoint: when a nested `fn` throws, only its writes are undone.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /**
   * Inside a transaction: waits for and holds a transaction-scoped lock on `key` (pg_advisory_xact_lock), so
   * concurrent processes serialise on it (idempotency keys, list creation, the log sequencer). With `timeoutMs`, a wait
   * longer than that throws OverloadedError (503 + Retry-After) and the transaction can only roll back.
   */
  lock(key: string, options?: { timeoutMs?: number }): Promise<void>;
  /** 'pglite' or 'postgres', for logs and tests. */
  readonly kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}
