import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import fc from 'fast-check';
import { ValidationError } from '../core/errors.ts';
import {
  EMPTY_EDGE,
  appendLeaf,
  consistencyProof,
  consistencyProofPlan,
  emptyRoot,
  inclusionProof,
  inclusionProofPlan,
  leafHash,
  nodeHash,
  readRightEdge,
  rootAtSize,
  rootFromInclusionProof,
  rootFromLeafHashes,
  rootOfRightEdge,
  verifyConsistency,
  verifyInclusion,
  type RightEdge,
  type SubtreeReader,
} from './merkle.ts';

interface NodesCase {
  nodes: [number, number][];
  rehash?: [number, number];
}
interface Vectors {
  leafInputs: string[];
  nodeHashes: string[][];
  rootHashes: string[];
  compactTrees: [number, number][][];
  inclusionProofs: { leaf: number; size: number; proof: string[] }[];
  consistencyProofs: { size1: number; size2: number; proof: string[] }[];
  inclusionNodes: (NodesCase & { size: number; index: number })[];
  inclusionErrors: [number, number][];
  consistencyNodes: (NodesCase & { size1: number; size2: number })[];
  consistencyErrors: [number, number][];
}

const vectors = JSON.parse(readFileSync(new URL('./fixtures/rfc6962-vectors.json', import.meta.url), 'utf8')) as Vectors;
const hex = (value: string) => new Uint8Array(Buffer.from(value, 'hex'));
const toHex = (value: Uint8Array) => Buffer.from(value).toString('hex');
const leaves = vectors.leafInputs.map(hex);
const roots = vectors.rootHashes.map(hex);
const SOME_HASH = hex('abacaba000000000000000000000000000000000000000000060061e00123456');

/** A reader over the reference node hashes of the fixture (not computed by us). */
const fixtureReader: SubtreeReader = (level, index) => {
  const value = vectors.nodeHashes[level]?.[index];
  if (value === undefined) throw new Error(`no stored node ${level}/${index}`);
  return hex(value);
};

// Reference implementation straight from RFC 9162 §2.1, with node:crypto: independent of merkle.ts.
function sha(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}
const refLeaf = (data: Uint8Array) => sha(Uint8Array.of(0), data);
const refNode = (l: Uint8Array, r: Uint8Array) => sha(Uint8Array.of(1), l, r);
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
function refMth(hashes: Uint8Array[], lo = 0, hi = hashes.length): Uint8Array {
  if (hi - lo === 0) return sha();
  if (hi - lo === 1) return hashes[lo]!;
  const k = splitPoint(hi - lo);
  return refNode(refMth(hashes, lo, lo + k), refMth(hashes, lo + k, hi));
}
function refPath(m: number, hashes: Uint8Array[], lo: number, hi: number): Uint8Array[] {
  if (hi - lo <= 1) return [];
  const k = splitPoint(hi - lo);
  return m < k
    ? [...refPath(m, hashes, lo, lo + k), refMth(hashes, lo + k, hi)]
    : [...refPath(m - k, hashes, lo + k, hi), refMth(hashes, lo, lo + k)];
}
function refSubproof(m: number, hashes: Uint8Array[], lo: number, hi: number, complete: boolean): Uint8Array[] {
  if (m === hi - lo) return complete ? [] : [refMth(hashes, lo, hi)];
  const k = splitPoint(hi - lo);
  return m <= k
    ? [...refSubproof(m, hashes, lo, lo + k, complete), refMth(hashes, lo + k, hi)]
    : [...refSubproof(m - k, hashes, lo + k, hi, false), refMth(hashes, lo, lo + k)];
}
/** Which side each proof element sits on, leaf upwards: the shape of leaf m's path in a tree of n leaves. */
function pathShape(m: number, n: number): string {
  if (n <= 1) return '';
  const k = splitPoint(n);
  return m < k ? pathShape(m, k) + 'R' : pathShape(m - k, n - k) + 'L';
}

function flipByte(bytes: Uint8Array, at: number): Uint8Array {
  const copy = bytes.slice();
  copy[at % copy.length]! ^= 0x01;
  return copy;
}
function withElement(proof: Uint8Array[], i: number, value: Uint8Array): Uint8Array[] {
  return proof.map((p, j) => (j === i ? value : p));
}

/** The fixture's node list in our plan order: a rehashed run is listed smallest part first there, largest first here. */
function normaliseNodes({ nodes, rehash }: NodesCase): string[] {
  const list = nodes.slice();
  if (rehash) list.splice(rehash[0], rehash[1] - rehash[0], ...list.slice(rehash[0], rehash[1]).reverse());
  return list.map(([level, index]) => `${level}/${index}`);
}
const planIds = (plan: readonly (readonly { level: number; index: number }[])[]) =>
  plan.flat().map(({ level, index }) => `${level}/${index}`);

describe('merkle: RFC 6962 reference vectors (transparency-dev/merkle)', () => {
  it('hashes leaves with the 0x00 prefix and nodes with 0x01', () => {
    expect(leaves.map((leaf) => toHex(leafHash(leaf)))).to.deep.equal(vectors.nodeHashes[0]);
    for (let level = 1; level < vectors.nodeHashes.length; level++) {
      vectors.nodeHashes[level]!.forEach((expected, index) => {
        const children = vectors.nodeHashes[level - 1]!;
        expect(toHex(nodeHash(hex(children[2 * index]!), hex(children[2 * index + 1]!)))).to.equal(expected);
      });
    }
  });

  it('computes the root of every tree size 0..8', () => {
    const leafHashes = leaves.map(leafHash);
    for (let size = 0; size <= 8; size++) {
      expect(toHex(rootFromLeafHashes(leafHashes.slice(0, size))), `size ${size}`).to.equal(vectors.rootHashes[size]);
    }
    expect(toHex(emptyRoot())).to.equal(vectors.rootHashes[0]);
  });

  it('appends leaf by leaf: right edges, roots and stored subtrees match the reference', () => {
    let edge: RightEdge = EMPTY_EDGE;
    const stored = new Map<string, string>();
    leaves.forEach((leaf, n) => {
      const result = appendLeaf(edge, leafHash(leaf));
      edge = result.edge;
      expect(toHex(result.root), `root of size ${n + 1}`).to.equal(vectors.rootHashes[n + 1]);
      const expectedEdge = vectors.compactTrees[n + 1]!.map(([level, index]) => vectors.nodeHashes[level]![index]);
      expect(edge.hashes.map(toHex), `edge of size ${n + 1}`).to.deep.equal(expectedEdge);
      for (const { level, index, hash } of result.subtrees) stored.set(`${level}/${index}`, toHex(hash));
    });
    const expected = new Map(vectors.nodeHashes.flatMap((row, level) => row.map((h, i) => [`${level}/${i}`, h] as const)));
    expect(stored).to.deep.equal(expected);
  });

  it('does not change the edge it is given', () => {
    const one = appendLeaf(EMPTY_EDGE, leafHash(leaves[0]!)).edge;
    const before = one.hashes.map(toHex);
    appendLeaf(one, leafHash(leaves[1]!));
    expect(one.size).to.equal(1);
    expect(one.hashes.map(toHex)).to.deep.equal(before);
  });

  it('reads the right edge and past roots back from stored subtrees', async () => {
    for (let size = 0; size <= 8; size++) {
      const edge = await readRightEdge(size, fixtureReader);
      expect(toHex(rootOfRightEdge(edge))).to.equal(vectors.rootHashes[size]);
      expect(toHex(await rootAtSize(size, fixtureReader))).to.equal(vectors.rootHashes[size]);
    }
  });

  it('generates the reference inclusion proofs from stored subtrees', async () => {
    for (const { leaf, size, proof } of vectors.inclusionProofs) {
      const got = await inclusionProof(leaf - 1, size, fixtureReader);
      expect(got.map(toHex), `leaf ${leaf - 1} of ${size}`).to.deep.equal(proof);
    }
  });

  it('generates the reference consistency proofs from stored subtrees', async () => {
    for (const { size1, size2, proof } of vectors.consistencyProofs) {
      const got = await consistencyProof(size1, size2, fixtureReader);
      expect(got.map(toHex), `${size1} -> ${size2}`).to.deep.equal(proof);
    }
  });

  it('reads exactly the reference nodes for each inclusion proof', () => {
    for (const c of vectors.inclusionNodes) {
      expect(planIds(inclusionProofPlan(c.index, c.size)), `${c.index} of ${c.size}`).to.deep.equal(normaliseNodes(c));
    }
    for (const [size, index] of vectors.inclusionErrors) {
      expect(() => inclusionProofPlan(index, size), `${index} of ${size}`).to.throw(ValidationError);
    }
  });

  it('reads exactly the reference nodes for each consistency proof', () => {
    for (const c of vectors.consistencyNodes) {
      expect(planIds(consistencyProofPlan(c.size1, c.size2)), `${c.size1} -> ${c.size2}`).to.deep.equal(normaliseNodes(c));
    }
    for (const [size1, size2] of vectors.consistencyErrors) {
      expect(() => consistencyProofPlan(size1, size2), `${size1} -> ${size2}`).to.throw(ValidationError);
    }
  });

  it('verifies the reference inclusion proofs and rejects every corruption transparency-dev tries', () => {
    for (const { leaf, size, proof: proofHex } of vectors.inclusionProofs) {
      const index = leaf - 1;
      const proof = proofHex.map(hex);
      const root = roots[size]!;
      const hash = leafHash(leaves[index]!);
      expect(verifyInclusion(hash, index, size, proof, root), `${index} of ${size}`).to.equal(true);
      expect(toHex(rootFromInclusionProof(hash, index, size, proof)!)).to.equal(vectors.rootHashes[size]);
      // The probes of corruptInclusionProof (proof/verify_test.go).
      const probes: [string, Uint8Array, number, number, Uint8Array[], Uint8Array][] = [
        ['index - 1', hash, index - 1, size, proof, root],
        ['index + 1', hash, index + 1, size, proof, root],
        ['index ^ 2', hash, index ^ 2, size, proof, root],
        ['size * 2', hash, index, size * 2, proof, root],
        ['size / 2', hash, index, Math.floor(size / 2), proof, root],
        ['wrong leaf', sha(Buffer.from('WrongLeaf')), index, size, proof, root],
        ['empty root', hash, index, size, proof, roots[0]!],
        ['random root', hash, index, size, proof, SOME_HASH],
        ['trailing garbage', hash, index, size, [...proof, new Uint8Array(0)], root],
        ['trailing root', hash, index, size, [...proof, root], root],
        ['preceding garbage', hash, index, size, [new Uint8Array(0), ...proof], root],
        ['preceding root', hash, index, size, [root, ...proof], root],
        ...proof.map((p, i): [string, Uint8Array, number, number, Uint8Array[], Uint8Array] => {
          const flipped = p.slice();
          flipped[0]! ^= 8;
          return [`modified proof[${i}] bit 3`, hash, index, size, withElement(proof, i, flipped), root];
        }),
      ];
      if (proof.length > 0) probes.push(['removed component', hash, index, size, proof.slice(0, -1), root]);
      if (proof.length > 1) probes.push(['inserted component', hash, index, size, [proof[0]!, SOME_HASH, ...proof.slice(1)], root]);
      for (const [desc, h, i, s, p, r] of probes) {
        expect(verifyInclusion(h, i, s, p, r), `${index} of ${size}: ${desc}`).to.equal(false);
      }
    }
  });

  it('verifies the reference consistency proofs and rejects every corruption transparency-dev tries', () => {
    for (const { size1, size2, proof: proofHex } of vectors.consistencyProofs) {
      const proof = proofHex.map(hex);
      const root1 = roots[size1]!;
      const root2 = roots[size2]!;
      expect(verifyConsistency(size1, size2, proof, root1, root2), `${size1} -> ${size2}`).to.equal(true);
      if (proof.length === 0) continue;
      const wrongRoot = sha(Buffer.from('WrongRoot'));
      // The probes of corruptConsistencyProof (proof/verify_test.go).
      const probes: [string, number, number, Uint8Array, Uint8Array, Uint8Array[]][] = [
        ['size1 - 1', size1 - 1, size2, root1, root2, proof],
        ['size1 + 1', size1 + 1, size2, root1, root2, proof],
        ['size1 ^ 2', size1 ^ 2, size2, root1, root2, proof],
        ['size2 * 2', size1, size2 * 2, root1, root2, proof],
        ['size2 / 2', size1, Math.floor(size2 / 2), root1, root2, proof],
        ['wrong root1', size1, size2, wrongRoot, root2, proof],
        ['wrong root2', size1, size2, root1, wrongRoot, proof],
        ['swapped roots', size1, size2, root2, root1, proof],
        ['empty proof', size1, size2, root1, root2, []],
        ['trailing garbage', size1, size2, root1, root2, [...proof, new Uint8Array(0)]],
        ['trailing root1', size1, size2, root1, root2, [...proof, root1]],
        ['trailing root2', size1, size2, root1, root2, [...proof, root2]],
        ['preceding garbage', size1, size2, root1, root2, [new Uint8Array(0), ...proof]],
        ['preceding root1', size1, size2, root1, root2, [root1, ...proof]],
        ['preceding root2', size1, size2, root1, root2, [root2, ...proof]],
        ['preceding proof[0]', size1, size2, root1, root2, [proof[0]!, ...proof]],
        ['truncated proof', size1, size2, root1, root2, proof.slice(0, -1)],
        ...proof.map((p, i): [string, number, number, Uint8Array, Uint8Array, Uint8Array[]] => {
          const flipped = p.slice();
          flipped[0]! ^= 16;
          return [`modified proof[${i}] bit 4`, size1, size2, root1, root2, withElement(proof, i, flipped)];
        }),
      ];
      for (const [desc, s1, s2, r1, r2, p] of probes) {
        expect(verifyConsistency(s1, s2, p, r1, r2), `${size1} -> ${size2}: ${desc}`).to.equal(false);
      }
    }
  });

  it('handles the sizes RFC 9162 leaves open (TestVerifyConsistency, with a stricter size 0)', () => {
    const empty = roots[0]!;
    const root1 = roots[1]!;
    const root2 = roots[2]!;
    expect(verifyConsistency(0, 0, [], empty, empty)).to.equal(true);
    expect(verifyConsistency(0, 1, [], empty, root1)).to.equal(true);
    expect(verifyConsistency(1, 1, [], root1, root1)).to.equal(true);
    expect(verifyConsistency(0, 0, [], root1, root2)).to.equal(false);
    expect(verifyConsistency(1, 1, [], root1, root2)).to.equal(false);
    expect(verifyConsistency(1, 0, [], root1, root2)).to.equal(false); // time travel
    expect(verifyConsistency(2, 1, [], root1, root2)).to.equal(false);
    expect(verifyConsistency(1, 2, [], root1, root2)).to.equal(false); // empty proof
    expect(verifyConsistency(0, 0, [empty], empty, empty)).to.equal(false); // roots match, proof not empty
    expect(verifyConsistency(0, 1, [empty], empty, empty)).to.equal(false);
    expect(verifyConsistency(1, 1, [empty], empty, empty)).to.equal(false);
    // transparency-dev accepts any root1 at size 0; a size-0 tree head has exactly one root.
    expect(verifyConsistency(0, 1, [], root2, root1)).to.equal(false);
  });

  it('verifies a one-leaf tree only with its own hash (TestVerifyInclusionSingleEntry)', () => {
    const hash = leafHash(Buffer.from('data'));
    expect(verifyInclusion(hash, 0, 1, [], hash)).to.equal(true);
    expect(verifyInclusion(hash, 0, 1, [], new Uint8Array(0))).to.equal(false);
    expect(verifyInclusion(new Uint8Array(0), 0, 1, [], hash)).to.equal(false);
    for (const [index, size] of [[0, 0], [1, 0], [2, 1]] as const) {
      expect(verifyInclusion(SOME_HASH, index, size, [], roots[0]!)).to.equal(false);
    }
  });

  it('refuses sizes and indices that are not safe non-negative integers', () => {
    const hash = leafHash(leaves[0]!);
    expect(verifyInclusion(hash, -1, 1, [], hash)).to.equal(false);
    expect(verifyInclusion(hash, 0.5, 1, [], hash)).to.equal(false);
    expect(verifyInclusion(hash, 0, Number.NaN, [], hash)).to.equal(false);
    expect(verifyConsistency(1, 2 ** 53, [hash], hash, hash)).to.equal(false);
    expect(() => inclusionProofPlan(0, 1.5)).to.throw(ValidationError);
    expect(() => consistencyProofPlan(-1, 2)).to.throw(ValidationError);
  });
});

describe('merkle: properties on random trees of up to 2,000 leaves', () => {
  const MAX = 2048;
  const leafData = Array.from({ length: MAX }, (_, i) => new Uint8Array(Buffer.from(`proofline leaf ${i}`)));
  const leafHashes = leafData.map(refLeaf);
  const stored = new Map<string, Uint8Array>();
  const rootCache = new Map<number, Uint8Array>();
  const refRoot = (n: number) => {
    if (!rootCache.has(n)) rootCache.set(n, refMth(leafHashes, 0, n));
    return rootCache.get(n)!;
  };
  /** Serves only subtrees complete at `size`, and counts reads: what a proof for that size may touch. */
  function readerAt(size: number, reads = { count: 0 }): SubtreeReader {
    return (level, index) => {
      if ((index + 1) * 2 ** level > size) throw new Error(`read ${level}/${index} beyond size ${size}`);
      reads.count++;
      return stored.get(`${level}/${index}`)!;
    };
  }
  const log2ceil = (n: number) => Math.ceil(Math.log2(Math.max(n, 2)));

  before(() => {
    let edge: RightEdge = EMPTY_EDGE;
    for (const hash of leafHashes) {
      const result = appendLeaf(edge, hash);
      edge = result.edge;
      for (const s of result.subtrees) stored.set(`${s.level}/${s.index}`, s.hash);
    }
  });

  const sizeAndIndex = fc.integer({ min: 1, max: 2000 }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1)));
  const sizePair = fc
    .integer({ min: 1, max: 2000 })
    .chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n)));

  it('appendLeaf and rootAtSize agree with the RFC definition of MTH', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2000 }), async (n) => {
        const edge = await readRightEdge(n, readerAt(n));
        expect(toHex(rootOfRightEdge(edge))).to.equal(toHex(refRoot(n)));
        expect(toHex(await rootAtSize(n, readerAt(n)))).to.equal(toHex(refRoot(n)));
        expect(toHex(rootFromLeafHashes(leafHashes.slice(0, n)))).to.equal(toHex(refRoot(n)));
      }),
      { numRuns: 60 },
    );
  });

  it('every inclusion proof equals PATH(m, D[n]), reads O(log n) subtrees and verifies', async () => {
    await fc.assert(
      fc.asyncProperty(sizeAndIndex, async ([n, m]) => {
        const reads = { count: 0 };
        const proof = await inclusionProof(m, n, readerAt(n, reads));
        expect(proof.map(toHex)).to.deep.equal(refPath(m, leafHashes, 0, n).map(toHex));
        expect(reads.count).to.be.at.most(2 * log2ceil(n));
        expect(verifyInclusion(leafHashes[m]!, m, n, proof, refRoot(n))).to.equal(true);
      }),
      { numRuns: 200 },
    );
  });

  it('every consistency proof equals PROOF(m, D[n]), reads O(log n) subtrees and verifies', async () => {
    await fc.assert(
      fc.asyncProperty(sizePair, async ([m, n]) => {
        const reads = { count: 0 };
        const proof = await consistencyProof(m, n, readerAt(n, reads));
        expect(proof.map(toHex)).to.deep.equal(refSubproof(m, leafHashes, 0, n, true).map(toHex));
        expect(reads.count).to.be.at.most(2 * log2ceil(n));
        expect(verifyConsistency(m, n, proof, refRoot(m), refRoot(n))).to.equal(true);
      }),
      { numRuns: 200 },
    );
  });

  it('an inclusion proof fails after any one-byte change to the leaf, a proof element or the root', async () => {
    await fc.assert(
      fc.asyncProperty(sizeAndIndex, fc.nat(), fc.nat(), fc.nat(), async ([n, m], leafByte, element, hashByte) => {
        const proof = await inclusionProof(m, n, readerAt(n));
        const root = refRoot(n);
        const changedLeaf = refLeaf(flipByte(leafData[m]!, leafByte));
        expect(verifyInclusion(changedLeaf, m, n, proof, root)).to.equal(false);
        expect(verifyInclusion(flipByte(leafHashes[m]!, hashByte), m, n, proof, root)).to.equal(false);
        expect(verifyInclusion(leafHashes[m]!, m, n, proof, flipByte(root, hashByte))).to.equal(false);
        if (proof.length > 0) {
          const i = element % proof.length;
          const changed = withElement(proof, i, flipByte(proof[i]!, hashByte));
          expect(verifyInclusion(leafHashes[m]!, m, n, changed, root)).to.equal(false);
          expect(verifyInclusion(leafHashes[m]!, m, n, proof.slice(0, -1), root)).to.equal(false);
        }
        expect(verifyInclusion(leafHashes[m]!, m, n, [...proof, root], root)).to.equal(false);
      }),
      { numRuns: 200 },
    );
  });

  it('an inclusion proof fails for any other index, and for any other size with that size\'s root', async () => {
    await fc.assert(
      fc.asyncProperty(sizeAndIndex, fc.integer({ min: 1, max: 2000 }), async ([n, m], otherSize) => {
        const proof = await inclusionProof(m, n, readerAt(n));
        const root = refRoot(n);
        for (const other of [m - 1, m + 1, m ^ 1, m ^ 2, n, n + m + 1]) {
          if (other !== m) expect(verifyInclusion(leafHashes[m]!, other, n, proof, root), `index ${other}`).to.equal(false);
        }
        for (const size of [n - 1, n + 1, 2 * n, Math.floor(n / 2), otherSize]) {
          if (size === n || size > MAX) continue;
          // The signed pair (size, root) is what binds the tree: with the root of that size the proof never holds.
          expect(verifyInclusion(leafHashes[m]!, m, size, proof, refRoot(size)), `size ${size}`).to.equal(false);
          // With the original root, RFC 9162 accepts another size exactly when leaf m sits on a path of the same
          // shape there (the same hashes are computed): e.g. leaf 0 of 3 and of 4. A checkpoint never pairs them.
          const sameShape = m < size && pathShape(m, size) === pathShape(m, n);
          expect(verifyInclusion(leafHashes[m]!, m, size, proof, root), `size ${size}, root of ${n}`).to.equal(sameShape);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a consistency proof fails after any one-byte change to a proof element or either root', async () => {
    await fc.assert(
      fc.asyncProperty(sizePair, fc.nat(), fc.nat(), async ([m, n], element, hashByte) => {
        const proof = await consistencyProof(m, n, readerAt(n));
        const root1 = refRoot(m);
        const root2 = refRoot(n);
        if (m === n) {
          // Nothing to prove, but the roots must still be the same.
          expect(verifyConsistency(m, n, proof, root1, flipByte(root2, hashByte))).to.equal(false);
          return;
        }
        expect(verifyConsistency(m, n, proof, flipByte(root1, hashByte), root2)).to.equal(false);
        expect(verifyConsistency(m, n, proof, root1, flipByte(root2, hashByte))).to.equal(false);
        const i = element % proof.length;
        expect(verifyConsistency(m, n, withElement(proof, i, flipByte(proof[i]!, hashByte)), root1, root2)).to.equal(false);
        expect(verifyConsistency(m, n, proof.slice(0, -1), root1, root2)).to.equal(false);
        expect(verifyConsistency(m, n, [...proof, root2], root1, root2)).to.equal(false);
        expect(verifyConsistency(m, n, proof.slice(1), root1, root2)).to.equal(false);
      }),
      { numRuns: 200 },
    );
  });

  it('a consistency proof fails for any other pair of sizes, with those sizes\' roots', async () => {
    await fc.assert(
      fc.asyncProperty(sizePair, fc.integer({ min: 1, max: 2000 }), async ([m, n], other) => {
        fc.pre(m < n);
        const proof = await consistencyProof(m, n, readerAt(n));
        const pairs: [number, number][] = [
          [m - 1, n], [m + 1, n], [m ^ 2, n], [other, n],
          [m, n - 1], [m, n + 1], [m, 2 * n], [m, Math.floor(n / 2)], [m, other],
        ];
        for (const [s1, s2] of pairs) {
          if ((s1 === m && s2 === n) || s1 < 0 || s2 > MAX || s1 > s2) continue;
          expect(verifyConsistency(s1, s2, proof, refRoot(s1), refRoot(s2)), `${s1} -> ${s2}`).to.equal(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});
