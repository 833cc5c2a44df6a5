import { expect } from 'chai';
import fc from 'fast-check';
import { LruCache } from './lru-cache.ts';

describe('LruCache', () => {
  it('evicts the least recently used entry beyond its limit; a get refreshes an entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1).set('b', 2);
    expect(cache.get('a')).to.equal(1); // a is now the most recent
    cache.set('c', 3);
    expect([...cache.keys()]).to.deep.equal(['a', 'c']);
    expect(cache.get('b')).to.equal(undefined);
    cache.set('a', 10); // replacing refreshes too
    cache.set('d', 4);
    expect([...cache.keys()]).to.deep.equal(['a', 'd']);
    expect(cache.get('a')).to.equal(10);
  });

  it('never holds more than its limit, and holds the most recent keys (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 20 })), { maxLength: 200 }), (limit, ops) => {
        const cache = new LruCache<number, number>(limit);
        const order: number[] = []; // model: recency list, most recent last
        const touch = (key: number) => {
          const i = order.indexOf(key);
          if (i !== -1) order.splice(i, 1);
          order.push(key);
        };
        for (const [isSet, key] of ops) {
          if (isSet) {
            cache.set(key, key * 2);
            touch(key);
            if (order.length > limit) order.shift();
          } else if (cache.get(key) !== undefined) {
            touch(key);
          }
          expect(cache.size).to.be.at.most(limit);
        }
        expect([...cache.keys()]).to.deep.equal(order);
      }),
    );
  });

  it('refuses a limit below one', () => {
    expect(() => new LruCache(0)).to.throw(RangeError);
  });
});
