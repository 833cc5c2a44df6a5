/**
 * The transparency log of one server (issue 4): the hooks the issuer runs inside its transactions, the read API's
 * services, the checkpointer, and receipts. Everything reaches the database through the Store it is given.
 */
import { systemClock, type Clock } from '../core/clock.ts';
import { LruCache } from '../core/lru-cache.ts';
import { NotFoundError, ValidationError } from '../core/errors.ts';
import type { CredentialRecord, LogCheckpointRecord, Store } from '../core/ports.ts';
import type { RouteSpec } from '../http/route.ts';
import { createLogAppender, type AppendedEntry } from './append-log-entry.ts';
import { encodeBase64 } from './base64.ts';
import { decodeLogEntry, type KeyEventType, type LogEvent } from './log-entry.ts';
import { loadLogKey, type LogKey } from './log-key.ts';
import { logRoutes } from './routes.ts';
import { signCheckpoint } from './sign-checkpoint.ts';
import { inclusionProofPlan, resolveProofPlan } from './merkle.ts';
import { loadSubtrees, SubtreeCache, storedTree } from './stored-tree.ts';

/** What an issuance hook receives (structurally the issuer's IssuanceEvent). */
export interface IssuanceFacts {
  record: Pick<CredentialRecord, 'digest' | 'issuedAt' | 'revocation'>;
  issuerDid: string;
  keyId: string;
}

/** What a status hook receives (structurally the issuer's StatusEvent). */
export interface StatusChangeFacts {
  record: Pick<CredentialRecord, 'digest'>;
  change: 'revocation' | 'suspension' | 'unsuspension';
  issuerDid: string;
  keyId: string;
  statusList: string;
  statusIndex: number;
}

export interface KeyEventFacts {
  type: KeyEventType;
  issuerDid: string;
  /** The key added, rotated to, or retired. */
  keyId: string;
  /** Defaults to the log's clock. */
  time?: Date;
}

export interface TransparencyLogOptions {
  store: Store;
  kek: Uint8Array;
  clock?: Clock;
  /** C2SP origin and note key name, e.g. `logOrigin(PUBLIC_URL)` = `academy.example/log`. */
  origin: string;
  /** The issuer whose key rows hold the log key (default 'academy'). */
  issuerSlug?: string;
  /** Sign a checkpoint when the newest is this old and entries were added since (default 10 s)... */
  checkpointIntervalMs?: number;
  /** ...or as soon as this many entries were added since (default 1000). */
  checkpointEveryEntries?: number;
  /** How often the checkpointer looks at the log size (default 1 s). */
  pollIntervalMs?: number;
  /** Longest wait for the sequencer lock before an append fails with 503 (default 5 s). */
  lockTimeoutMs?: number;
  /** Subtree hashes kept in this process for proofs (default 65,536, about 10 MB; the top half is warmed). */
  subtreeCacheSize?: number;
  /** How long proofs and receipts may reuse the latest checkpoint read from the database (default 1 s). */
  checkpointCacheMs?: number;
  /** Where checkpointer failures go (pino-compatible). */
  logger?: { error(object: unknown, message: string): void };
}

export interface ServedEntry {
  index: number;
  /** The exact leaf bytes, base64. */
  leaf: string;
  /** The decoded event, or null when the stored bytes are not a valid leaf (an auditor will flag it). */
  event: LogEvent | null;
}

export interface InclusionProofResponse {
  index: number;
  size: number;
  leafHash: string;
  proof: string[];
  /** The signed checkpoint of `size`, when one exists. */
  checkpoint?: string;
}

export interface ConsistencyProofResponse {
  from: number;
  to: number;
  proof: string[];
  /** Signed checkpoints of `from` and `to`, when they exist. */
  checkpoints?: { from?: string; to?: string };
}

/** For a credential: where it is in the log, and (once a checkpoint covers it) the proof that it is. */
export interface LogReceipt {
  index: number;
  /** The exact leaf bytes (base64): what lets a verifier check that the entry is this credential's issuance. */
  leaf: string;
  leafHash: string;
  /** Absent until a checkpoint covers the entry (the checkpointer runs every few seconds). */
  inclusion?: { size: number; proof: string[]; checkpoint: string };
}

export interface TransparencyLog {
  readonly origin: string;
  /** Pass to issuerRoutes as `onIssued`: appends the issuance entry inside the issuance transaction. */
  onIssued: (tx: Store, event: IssuanceFacts) => Promise<void>;
  /** Pass to issuerRoutes as `onStatusChanged`. */
  onStatusChanged: (tx: Store, event: StatusChangeFacts) => Promise<void>;
  /** Key added / rotated / retired, inside the transaction that changes the key rows. */
  appendKeyEvent: (tx: Store, event: KeyEventFacts) => Promise<AppendedEntry>;
  routes: RouteSpec[];
  /** The log key (created on first use). */
  logKey(): Promise<LogKey>;
  /** Signs a checkpoint of the committed log if it grew; returns the latest checkpoint. */
  checkpointNow(): Promise<LogCheckpointRecord>;
  /** The latest checkpoint, signing the first one if there is none. */
  latestCheckpoint(): Promise<LogCheckpointRecord>;
  entries(start: number, end?: number): Promise<{ start: number; end: number; size: number; entries: ServedEntry[] }>;
  inclusionProof(query: { index?: number; digest?: string; size?: number }): Promise<InclusionProofResponse>;
  consistencyProof(query: { from: number; to?: number }): Promise<ConsistencyProofResponse>;
  /**
   * The receipt of the credential with this digest, null when it has no issuance entry (issued before the log
   * existed). `withProof: false` skips the inclusion proof: one indexed read, for the award response.
   */
  receipt(credentialDigest: string, options?: { withProof?: boolean }): Promise<LogReceipt | null>;
  /** Starts the periodic checkpointer (server only; tests call checkpointNow). */
  start(): void;
  stop(): Promise<void>;
}

export const MAX_ENTRIES_PER_PAGE = 1000;

export function createTransparencyLog(options: TransparencyLogOptions): TransparencyLog {
  const {
    store,
    kek,
    clock = systemClock,
    origin,
    issuerSlug = 'academy',
    checkpointIntervalMs = 10_000,
    checkpointEveryEntries = 1000,
    pollIntervalMs = 1_000,
    lockTimeoutMs = 5_000,
    subtreeCacheSize = 1 << 16,
    checkpointCacheMs = 1_000,
    logger,
  } = options;
  const append = createLogAppender({ clock, lockTimeoutMs });
  let keyPromise: Promise<LogKey> | null = null;
  const logKey = () => {
    keyPromise ??= loadLogKey({ store, kek, clock, origin, issuerSlug });
    keyPromise.catch(() => (keyPromise = null));
    return keyPromise;
  };
  // Proofs: subtree hashes never change once written, so this process keeps the top of the tree (warmed once the
  // tree has doubled) and whatever proofs touched; a proof then costs at most one query for its lowest levels.
  const subtreeCache = new SubtreeCache(subtreeCacheSize);
  const tree = storedTree(store.log, subtreeCache);
  let warming: Promise<void> | null = null;
  const warm = (size: number) => {
    warming ??= subtreeCache
      .warm(store.log, size)
      .catch((error: unknown) => logger?.error({ err: error }, 'log subtree cache warm-up failed'))
      .finally(() => (warming = null));
    return warming;
  };
  // The latest checkpoint as this process last saw it: replaced when it signs one or reads a newer one, re-read when
  // older than checkpointCacheMs or when it does not cover the entry asked about (another process may have signed).
  let seen: { checkpoint: LogCheckpointRecord; at: number } | null = null;
  const remember = <T extends LogCheckpointRecord | null>(checkpoint: T): T => {
    if (checkpoint && (!seen || checkpoint.size >= seen.checkpoint.size)) seen = { checkpoint, at: performance.now() };
    return checkpoint;
  };
  const recentCheckpoint = async (covering: number): Promise<LogCheckpointRecord | null> => {
    if (seen && seen.checkpoint.size > covering && performance.now() - seen.at < checkpointCacheMs) return seen.checkpoint;
    return remember(await store.log.latestCheckpoint());
  };
  // Checkpoints by size, for proofs that name one: a signed checkpoint never changes, and since sizes are signed in
  // increasing order (under the checkpointer lock, at the committed head), a size below one already seen that has no
  // checkpoint never will: both answers are kept.
  const bySize = new LruCache<number, LogCheckpointRecord | null>(1024);
  const checkpointOf = async (size: number): Promise<LogCheckpointRecord | null> => {
    if (seen && seen.checkpoint.size === size) return seen.checkpoint;
    const hit = bySize.get(size);
    if (hit !== undefined) return hit;
    const found = await store.log.getCheckpoint(size);
    if (found || (seen && size < seen.checkpoint.size)) bySize.set(size, found);
    return found;
  };
  const checkpointNow = async () =>
    remember(await signCheckpoint(store, { origin, signer: (await logKey()).signer, clock }));
  const latestCheckpoint = async () => remember(await store.log.latestCheckpoint()) ?? checkpointNow();

  const assertWithinTree = async (size: number, name: string) => {
    if (seen && size <= seen.checkpoint.size) return; // a checkpoint covers it: within the committed tree
    const { size: treeSize } = await store.log.head();
    if (size > treeSize) {
      throw new ValidationError(`The log has ${treeSize} entries; ${name} ${size} is beyond it.`, [
        { pointer: `/query/${name}`, detail: `at most ${treeSize}` },
      ]);
    }
    return treeSize;
  };

  let timer: NodeJS.Timeout | null = null;
  let tick: Promise<void> | null = null;
  const checkpointIfDue = async () => {
    const [latest, head] = await Promise.all([store.log.latestCheckpoint().then(remember), store.log.head()]);
    const grown = head.size - (latest?.size ?? -1);
    const age = latest ? clock().getTime() - latest.createdAt.getTime() : Infinity;
    if (grown > 0 && (grown >= checkpointEveryEntries || age >= checkpointIntervalMs)) await checkpointNow();
  };

  const log: TransparencyLog = {
    origin,
    onIssued: async (tx, { record, issuerDid, keyId }) => {
      await append(tx, {
        type: 'issuance',
        time: record.issuedAt.toISOString(),
        issuer: issuerDid,
        keyId,
        credentialDigest: record.digest,
        statusList: record.revocation.listId,
        statusIndex: record.revocation.index,
      });
    },
    onStatusChanged: async (tx, event) => {
      await append(tx, {
        type: event.change,
        time: clock().toISOString(),
        issuer: event.issuerDid,
        keyId: event.keyId,
        credentialDigest: event.record.digest,
        statusList: event.statusList,
        statusIndex: event.statusIndex,
      });
    },
    appendKeyEvent: (tx, event) =>
      append(tx, { type: event.type, time: (event.time ?? clock()).toISOString(), issuer: event.issuerDid, keyId: event.keyId }),
    routes: [],
    logKey,
    checkpointNow,
    latestCheckpoint,

    async entries(start, end) {
      const { size } = await store.log.head();
      const last = Math.min(end ?? start + MAX_ENTRIES_PER_PAGE, start + MAX_ENTRIES_PER_PAGE, size);
      if (end !== undefined && end <= start) {
        throw new ValidationError('end must be greater than start.', [{ pointer: '/query/end', detail: 'greater than start' }]);
      }
      const rows = last > start ? await store.log.entries(start, last) : [];
      return {
        start,
        end: Math.max(start, last),
        size,
        entries: rows.map((row) => ({ index: row.index, leaf: encodeBase64(row.leaf), event: decodeOrNull(row.leaf) })),
      };
    },

    async inclusionProof({ index, digest, size }) {
      if ((index === undefined) === (digest === undefined)) {
        throw new ValidationError('Give exactly one of index and digest.', [{ pointer: '/query', detail: 'index or digest' }]);
      }
      if (index !== undefined && size === undefined) {
        // Fast path: an index the latest checkpoint covers exists (entries are gap-free), and its leaf hash is the
        // level-0 subtree, so the proof and the leaf hash come from the cache plus at most one query.
        const covering = (await recentCheckpoint(index)) ?? (await latestCheckpoint());
        if (index < covering.size) {
          await warm(covering.size);
          const plan = inclusionProofPlan(index, covering.size);
          const read = await loadSubtrees(store.log, [{ level: 0, index }, ...plan.flat()], subtreeCache);
          const proof = await resolveProofPlan(plan, read);
          return {
            index,
            size: covering.size,
            leafHash: encodeBase64(await read(0, index)),
            proof: proof.map(encodeBase64),
            checkpoint: covering.note,
          };
        }
      }
      const entry = index !== undefined ? await store.log.getEntry(index) : await store.log.findIssuance(digest!);
      if (!entry) throw new NotFoundError(index !== undefined ? `No log entry ${index}.` : `No issuance of ${digest} in the log.`);
      let checkpoint: LogCheckpointRecord | null;
      if (size === undefined) {
        checkpoint = (await recentCheckpoint(entry.index)) ?? (await latestCheckpoint());
        size = checkpoint.size;
      } else {
        await assertWithinTree(size, 'size');
        checkpoint = await checkpointOf(size);
      }
      if (entry.index >= size) {
        throw new ValidationError(`Entry ${entry.index} is not in the tree of size ${size} (not yet checkpointed?).`, [
          { pointer: '/query/size', detail: `greater than ${entry.index}` },
        ]);
      }
      await warm(size);
      const proof = await tree.inclusionProof(entry.index, size);
      return {
        index: entry.index,
        size,
        leafHash: encodeBase64(entry.leafHash),
        proof: proof.map(encodeBase64),
        ...(checkpoint ? { checkpoint: checkpoint.note } : {}),
      };
    },

    async consistencyProof({ from, to }) {
      if (to === undefined) to = ((await recentCheckpoint(from - 1)) ?? (await latestCheckpoint())).size;
      else await assertWithinTree(to, 'to');
      if (from > to) {
        throw new ValidationError(`from (${from}) exceeds to (${to}).`, [{ pointer: '/query/from', detail: `at most ${to}` }]);
      }
      const [proof, fromCheckpoint, toCheckpoint] = await Promise.all([
        warm(to).then(() => tree.consistencyProof(from, to)),
        checkpointOf(from),
        checkpointOf(to),
      ]);
      const checkpoints = {
        ...(fromCheckpoint ? { from: fromCheckpoint.note } : {}),
        ...(toCheckpoint ? { to: toCheckpoint.note } : {}),
      };
      return { from, to, proof: proof.map(encodeBase64), ...(Object.keys(checkpoints).length > 0 ? { checkpoints } : {}) };
    },

    async receipt(credentialDigest, { withProof = true } = {}) {
      const entry = await store.log.findIssuance(credentialDigest);
      if (!entry) return null;
      const receipt: LogReceipt = { index: entry.index, leaf: encodeBase64(entry.leaf), leafHash: encodeBase64(entry.leafHash) };
      if (!withProof) return receipt;
      const checkpoint = await recentCheckpoint(entry.index);
      if (checkpoint && checkpoint.size > entry.index) {
        await warm(checkpoint.size);
        const proof = await tree.inclusionProof(entry.index, checkpoint.size);
        receipt.inclusion = { size: checkpoint.size, proof: proof.map(encodeBase64), checkpoint: checkpoint.note };
      }
      return receipt;
    },

    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (tick) return;
        tick = checkpointIfDue()
          .catch((error: unknown) => logger?.error({ err: error }, 'log checkpoint failed'))
          .finally(() => (tick = null));
      }, pollIntervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await tick;
    },
  };
  log.routes.push(...logRoutes(log));
  return log;
}

function decodeOrNull(leaf: Uint8Array): LogEvent | null {
  try {
    return decodeLogEntry(leaf);
  } catch {
    return null;
  }
}
