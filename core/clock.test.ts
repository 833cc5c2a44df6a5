import { expect } from 'chai';
import { addMonths, toDateTimeString } from './clock.ts';

describe('addMonths', () => {
  it('adds calendar months and keeps the time of day', () => {
    expect(toDateTimeString(addMonths(new Date('2026-11-25T17:53:18Z'), 36))).to.equal('2029-11-25T17:53:18Z');
  });
  it('clamps to the last day of a shorter month', () => {
    expect(toDateTimeString(addMonths(new Date('2026-01-31T00:00:00Z'), 1))).to.equal('2026-02-28T00:00:00Z');
    expect(toDateTimeString(addMonths(new Date('2027-08-31T12:00:00Z'), 6))).to.equal('2028-02-29T12:00:00Z');
  });
});
