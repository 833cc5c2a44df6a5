/**
 * This server's own status lists: other URLs are refused; by default every read goes to the store; with `cacheTtlMs`
 * a list is reused for that long, dropped at once by `invalidate` (a status change in this process), never kept when
 * the read failed, and every caller gets its own copy.
 */
import { expect } from 'chai';
import { createLocalStatusListFetcher } from './create-local-status-list-fetcher.ts';

const PUBLIC_URL = 'https://proofline.example';
const url = (id: string) => `${PUBLIC_URL}/status-lists/${id}`;

describe('createLocalStatusListFetcher', () => {
  let reads: string[];
  let version: number;
  const load = async (id: string) => {
    reads.push(id);
    if (id === 'broken') throw new Error('database down');
    return { id: url(id), version };
  };
  beforeEach(() => {
    reads = [];
    version = 1;
  });

  it('refuses URLs that are not this server\'s lists, without reading anything', async () => {
    const fetchStatusList = createLocalStatusListFetcher({ publicUrl: PUBLIC_URL, load });
    for (const other of ['https://elsewhere.example/status-lists/a', `${PUBLIC_URL}/status-lists/../secrets`, `${PUBLIC_URL}/other/a`]) {
      let error: unknown;
      await Promise.resolve(fetchStatusList(other)).catch((e: unknown) => (error = e));
      expect(error, other).to.be.instanceOf(Error);
    }
    expect(reads).to.deep.equal([]);
  });

  it('reads the store every time by default', async () => {
    const fetchStatusList = createLocalStatusListFetcher({ publicUrl: PUBLIC_URL, load });
    await fetchStatusList(url('a'));
    await fetchStatusList(url('a'));
    expect(reads).to.deep.equal(['a', 'a']);
  });

  it('with cacheTtlMs, reuses a list until the TTL or an invalidation, and hands it out frozen', async () => {
    let time = 0;
    const fetchStatusList = createLocalStatusListFetcher({ publicUrl: PUBLIC_URL, load, cacheTtlMs: 5_000, now: () => time });
    const first = (await fetchStatusList(url('a'))) as { version: number };
    expect(() => {
      first.version = 99; // shared and frozen: a caller cannot change what is kept
    }).to.throw(TypeError);
    version = 2;
    expect(await fetchStatusList(url('a'))).to.deep.include({ version: 1 });
    expect(reads).to.deep.equal(['a']);
    fetchStatusList.invalidate(url('a'));
    expect(await fetchStatusList(url('a'))).to.deep.include({ version: 2 });
    version = 3;
    time = 4_999;
    expect(await fetchStatusList(url('a'))).to.deep.include({ version: 2 });
    time = 5_001;
    expect(await fetchStatusList(url('a'))).to.deep.include({ version: 3 });
    fetchStatusList.invalidate();
    await fetchStatusList(url('a'));
    expect(reads).to.deep.equal(['a', 'a', 'a', 'a']);
  });

  it('never keeps a failed read', async () => {
    const fetchStatusList = createLocalStatusListFetcher({ publicUrl: PUBLIC_URL, load, cacheTtlMs: 5_000, now: () => 0 });
    for (let i = 0; i < 2; i++) {
      let error: unknown;
      await Promise.resolve(fetchStatusList(url('broken'))).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(Error);
    }
    expect(reads).to.deep.equal(['broken', 'broken']);
  });
});
