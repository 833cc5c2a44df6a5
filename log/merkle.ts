/**
 * RFC 9162 §2.1 Merkle tree math, pure. Proofs are computed from stored hashes of *perfect* subtrees (2^level leaves,
 * aligned on a multiple of 2^level), the nodes a log can persist once and for all as leaves are appended; so a proof
 * at any size costs O(log n) reads and never rehashes leaves. Verification (§2.1.3.2, §2.1.4.2) needs no storage.
 *
 * Sizes and indices are JavaScript numbers: safe integers up to 2^53, with no bitwise operators (which would wrap at
 * 2^31).
 */
import { sha256 } from '../crypto/digest.ts';
import { ProoflineError, ValidationError } from '../core/errors.ts';

/** SHA-256 output length; every hash in the tree has it. */
export const HASH_SIZE = 32;

/** Stored hash of the perfect subtree of 2^level leaves from leaf `index * 2^level` (level 0: the leaf hashes). */
export type SubtreeReader = (level: number, index: number) => Promise<Uint8Array> | Uint8Array;

/** A perfect subtree: 2^level leaves starting at leaf `index * 2^level`. */
export interface SubtreeId {
  level: number;
  index: number;
}

export interface StoredSubtree extends SubtreeId {
  hash: Uint8Array;
}

/**
 * One element of a proof, as the perfect subtrees that make it up, largest (leftmost) first. A single subtree is the
 * element itself; several are a subtree on the right edge of a tree of size n that is not perfect (yet), whose hash is
 * the right fold `h(s1, h(s2, ... h(s[k-1], s[k])))`.
 */
export type ProofElementPlan = readonly SubtreeId[];

/** SHA-256 of the empty string: MTH({}) (RFC 9162 §2.1.1). */
export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0));
}

/** MTH({d}) = SHA-256(0x00 || d). */
export function leafHash(leaf: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + leaf.length);
  input[0] = 0x00;
  input.set(leaf, 1);
  return sha256(input);
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    throw new TypeError(`nodeHash: both children must be ${HASH_SIZE}-byte hashes`);
  }
  const input = new Uint8Array(1 + 2 * HASH_SIZE);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + HASH_SIZE);
  return sha256(input);
}

/** MTH of a whole list of leaf hashes (RFC 9162 §2.1.1), in one pass with the right-edge stack. */
export function rootFromLeafHashes(hashes: readonly Uint8Array[]): Uint8Array {
  let edge = EMPTY_EDGE;
  for (const hash of hashes) edge = pushLeaf(edge, hash, null);
  return rootOfRightEdge(edge);
}

/**
 * The right edge of a tree of `size` leaves: the roots of the perfect subtrees its leaves split into, largest first
 * (one per bit set in `size`). It is all an appender needs to compute the next root.
 */
export interface RightEdge {
  readonly size: number;
  readonly hashes: readonly Uint8Array[];
}

export const EMPTY_EDGE: RightEdge = Object.freeze({ size: 0, hashes: Object.freeze([]) as readonly Uint8Array[] });

export interface AppendResult {
  /** The right edge of the tree with the new leaf, to keep for the next append. */
  edge: RightEdge;
  /** The perfect subtrees the new leaf completes (its own leaf hash first, then up): persist them all. */
  subtrees: StoredSubtree[];
  /** MTH of the tree with the new leaf. */
  root: Uint8Array;
}

/** Appends leaf number `edge.size`; returns the new edge, the new perfect-subtree hashes to store and the new root. */
export function appendLeaf(edge: RightEdge, leafHashValue: Uint8Array): AppendResult {
  const subtrees: StoredSubtree[] = [];
  const next = pushLeaf(edge, leafHashValue, subtrees);
  return { edge: next, subtrees, root: rootOfRightEdge(next) };
}

/** MTH of the tree whose right edge this is. */
export function rootOfRightEdge(edge: RightEdge): Uint8Array {
  assertEdge(edge);
  const { hashes } = edge;
  if (hashes.length === 0) return emptyRoot();
  let root = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) root = nodeHash(hashes[i]!, root);
  return root;
}

/** Loads the right edge of the tree of `size` leaves from storage (one read per bit set in `size`), as at start-up. */
export async function readRightEdge(size: number, read: SubtreeReader): Promise<RightEdge> {
  assertSize(size, 'size');
  const ids = perfectSubtrees(0, size);
  const hashes = await Promise.all(ids.map((id) => readChecked(read, id)));
  return { size, hashes };
}

/** MTH of the first `size` leaves, from stored perfect subtrees: the root of any past tree size. */
export async function rootAtSize(size: number, read: SubtreeReader): Promise<Uint8Array> {
  assertSize(size, 'size');
  if (size === 0) return emptyRoot();
  const [root] = await resolveProofPlan([perfectSubtrees(0, size)], read);
  return root!;
}

/**
 * Which stored subtrees make up PATH(index, D[size]) (RFC 9162 §2.1.3.1), in proof order (from the leaf up).
 * Storage may fetch them in one query and hand them to `resolveProofPlan`.
 */
export function inclusionProofPlan(index: number, size: number): ProofElementPlan[] {
  assertSize(size, 'size');
  assertSize(index, 'index');
  if (index >= size) {
    const detail = 'index must be below size';
    throw new ValidationError(`Leaf ${index} is not in a tree of size ${size}.`, [{ detail }]);
  }
  const ranges: [number, number][] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = largestPowerOfTwoBelow(hi - lo);
    if (index < lo + k) {
      ranges.push([lo + k, hi]);
      hi = lo + k;
    } else {
      ranges.push([lo, lo + k]);
      lo += k;
    }
  }
  return ranges.reverse().map(([begin, end]) => perfectSubtrees(begin, end));
}

/** Which stored subtrees make up PROOF(from, D[to]) (RFC 9162 §2.1.4.1), in proof order; none when from is 0 or to. */
export function consistencyProofPlan(from: number, to: number): ProofElementPlan[] {
  assertSize(from, 'from');
  assertSize(to, 'to');
  if (from > to) {
    const detail = 'from exceeds to';
    throw new ValidationError(`A tree of size ${from} is no prefix of one of size ${to}.`, [{ detail }]);
  }
  if (from === 0 || from === to) return [];
  // SUBPROOF(m, D[lo:hi], complete), unrolled: each step emits the MTH it appends after the inner subproof.
  const ranges: [number, number][] = [];
  let lo = 0;
  let hi = to;
  let m = from;
  let complete = true;
  for (;;) {
    if (m === hi - lo) {
      if (!complete) ranges.push([lo, hi]);
      break;
    }
    const k = largestPowerOfTwoBelow(hi - lo);
    if (m <= k) {
      ranges.push([lo + k, hi]);
      hi = lo + k;
    } else {
      ranges.push([lo, lo + k]);
      lo += k;
      m -= k;
      complete = false;
    }
  }
  return ranges.reverse().map(([begin, end]) => perfectSubtrees(begin, end));
}

/** Reads every subtree of the plan (each once, concurrently) and folds them into the proof's hashes. */
export async function resolveProofPlan(plan: readonly ProofElementPlan[], read: SubtreeReader): Promise<Uint8Array[]> {
  const unique = new Map<string, SubtreeId>();
  for (const element of plan) for (const id of element) unique.set(`${id.level}/${id.index}`, id);
  const ids = [...unique.values()];
  const hashes = await Promise.all(ids.map((id) => readChecked(read, id)));
  const byKey = new Map(ids.map((id, i) => [`${id.level}/${id.index}`, hashes[i]!]));
  return plan.map((element) => {
    if (element.length === 0) throw new TypeError('resolveProofPlan: empty proof element');
    let hash = byKey.get(key(element[element.length - 1]!))!;
    for (let i = element.length - 2; i >= 0; i--) hash = nodeHash(byKey.get(key(element[i]!))!, hash);
    return hash;
  });
}

/** PATH(index, D[size]), RFC 9162 §2.1.3.1: at most 2·log2(size) reads. */
export async function inclusionProof(index: number, size: number, read: SubtreeReader): Promise<Uint8Array[]> {
  return resolveProofPlan(inclusionProofPlan(index, size), read);
}

/** PROOF(from, D[to]), RFC 9162 §2.1.4.1: at most 2·log2(to) reads. */
export async function consistencyProof(from: number, to: number, read: SubtreeReader): Promise<Uint8Array[]> {
  return resolveProofPlan(consistencyProofPlan(from, to), read);
}

/**
 * Splits the leaf range [begin, end) into maximal aligned perfect subtrees, left to right. For the ranges of the
 * MTH recursion (begin aligned on a power of two at least end - begin) they come out largest first, so their right
 * fold is MTH(D[begin:end]).
 */
export function perfectSubtrees(begin: number, end: number): SubtreeId[] {
  const out: SubtreeId[] = [];
  while (begin < end) {
    let width = 1;
    let level = 0;
    while (begin % (width * 2) === 0 && begin + width * 2 <= end) {
      width *= 2;
      level++;
    }
    out.push({ level, index: begin / width });
    begin += width;
  }
  return out;
}

/** The largest power of two strictly less than n (n ≥ 2): the split point k of RFC 9162 §2.1.1. */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function pushLeaf(edge: RightEdge, hash: Uint8Array, out: StoredSubtree[] | null): RightEdge {
  assertEdge(edge);
  if (hash.length !== HASH_SIZE) throw new TypeError(`appendLeaf: a leaf hash has ${HASH_SIZE} bytes`);
  const stack = edge.hashes.slice();
  let node = hash;
  let level = 0;
  let index = edge.size;
  out?.push({ level, index, hash: node });
  // Each trailing 1 bit of the old size is a perfect subtree of that level that the new one completes.
  for (let rest = edge.size; rest % 2 === 1; rest = (rest - 1) / 2) {
    node = nodeHash(stack.pop()!, node);
    level++;
    index = Math.floor(index / 2);
    out?.push({ level, index, hash: node });
  }
  stack.push(node);
  return { size: edge.size + 1, hashes: stack };
}

function assertEdge(edge: RightEdge): void {
  assertSize(edge.size, 'edge.size');
  if (edge.hashes.length !== popCount(edge.size)) {
    const expected = popCount(edge.size);
    throw new TypeError(`A right edge of size ${edge.size} has ${expected} hashes, not ${edge.hashes.length}.`);
  }
}

function popCount(n: number): number {
  let count = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
}

function assertSize(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ValidationError(`${name} must be a non-negative integer.`, [{ detail: `${name} is ${String(value)}` }]);
  }
}

function key(id: SubtreeId): string {
  return `${id.level}/${id.index}`;
}

async function readChecked(read: SubtreeReader, id: SubtreeId): Promise<Uint8Array> {
  const hash = await read(id.level, id.index);
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
    throw new ProoflineError('INTERNAL', `Stored subtree ${id.level}/${id.index} is not a ${HASH_SIZE}-byte hash.`);
  }
  return hash;
}

/** Byte equality. Hashes and signatures here are public, so a timing-safe comparison buys nothing. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The root that `proof` implies for leaf `index` of a tree of `size` leaves (RFC 9162 §2.1.3.2 steps 1-5, without the
 * final comparison), or null when the proof cannot be one for that index and size.
 */
export function rootFromInclusionProof(
  leafHashValue: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
): Uint8Array | null {
  if (!isSize(index) || !isSize(size) || !isHash(leafHashValue) || !proof.every(isHash)) return null;
  if (index >= size) return null; // step 1
  let fn = index; // step 2
  let sn = size - 1;
  let r = leafHashValue; // step 3
  for (const p of proof) {
    // step 4
    if (sn === 0) return null; // 4a
    if (fn % 2 === 1 || fn === sn) {
      // 4b
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2); // 4c
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null; // step 5, first half
}

/** RFC 9162 §2.1.3.2: does `proof` show leaf hash `leafHash` at `index` in the tree of `size` leaves with `root`? */
export function verifyInclusion(
  leafHashValue: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const computed = rootFromInclusionProof(leafHashValue, index, size, proof);
  return computed !== null && isHash(root) && equalBytes(computed, root);
}

/**
 * RFC 9162 §2.1.4.2 for 0 < size1 < size2. Outside that range, which the RFC leaves open: equal sizes need an empty
 * proof and equal roots; size1 = 0 needs an empty proof and root1 = MTH({}) (a tree head of size 0 with any other root
 * is no tree head); size1 > size2 never verifies.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (!isSize(size1) || !isSize(size2) || !isHash(root1) || !isHash(root2) || !proof.every(isHash)) return false;
  if (size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && equalBytes(root1, root2);
  if (size1 === 0) return proof.length === 0 && equalBytes(root1, emptyRoot());
  if (proof.length === 0) return false; // step 1
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof; // step 2
  let fn = size1 - 1; // step 3
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    // step 4
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!; // step 5
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    // step 6
    if (sn === 0) return false; // 6a
    if (fn % 2 === 1 || fn === sn) {
      // 6b
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2); // 6c
    sn = Math.floor(sn / 2);
  }
  return equalBytes(fr, root1) && equalBytes(sr, root2) && sn === 0; // step 7
}

function isSize(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function isHash(value: Uint8Array): boolean {
  return value instanceof Uint8Array && value.length === HASH_SIZE;
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}
