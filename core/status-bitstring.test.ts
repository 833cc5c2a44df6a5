import { expect } from 'chai';
import fc from 'fast-check';
import { decodeBitstring, encodeBitstring, isBitSet, MIN_STATUS_LIST_LENGTH } from './status-bitstring.ts';

describe('encodeBitstring', () => {
  it('puts index 0 in the left-most bit of the first byte', () => {
    const bits = decodeBitstring(encodeBitstring(16, [0, 9]));
    expect(Array.from(bits)).to.deep.equal([0b1000_0000, 0b0100_0000]);
  });

  it('round-trips any set of indices on a full-size list', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: MIN_STATUS_LIST_LENGTH - 1 }), { maxLength: 50 }), (indices) => {
        const bits = decodeBitstring(encodeBitstring(MIN_STATUS_LIST_LENGTH, indices));
        expect(bits.length).to.equal(MIN_STATUS_LIST_LENGTH / 8);
        const set = new Set(indices);
        for (const i of indices) expect(isBitSet(bits, i)).to.equal(true);
        for (const probe of [0, 1, 7, 8, 65_535, MIN_STATUS_LIST_LENGTH - 1]) expect(isBitSet(bits, probe)).to.equal(set.has(probe));
      }),
      { numRuns: 50 },
    );
  });

  it('refuses an index outside the list', () => {
    expect(() => encodeBitstring(8, [8])).to.throw(RangeError);
  });
});
