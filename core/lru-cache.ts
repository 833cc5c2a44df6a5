/**
 * A bounded least-recently-used cache: for values that are pure functions of their key and costly to recompute, such
 * as imported verification keys and did:key documents. Never grows past `limit` entries.
 *
 * A Map finds an entry; a doubly linked list keeps recency. A hit relinks two nodes instead of deleting and
 * re-inserting the key (a Map delete leaves a hole that later rehashes the table): the verifier reads several of these
 * caches per verification, and refreshing an entry was a visible part of a vc+jwt verification.
 */
interface Node<K, V> {
  key: K;
  value: V;
  /** Toward the least recently used end. */
  older: Node<K, V> | null;
  /** Toward the most recently used end. */
  newer: Node<K, V> | null;
}

export class LruCache<K, V> {
  private readonly nodes = new Map<K, Node<K, V>>();
  private oldest: Node<K, V> | null = null;
  private newest: Node<K, V> | null = null;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('An LRU cache holds at least one entry.');
  }

  get size(): number {
    return this.nodes.size;
  }

  /** The value for `key`, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const node = this.nodes.get(key);
    if (node === undefined) return undefined;
    if (node !== this.newest) {
      this.unlink(node);
      this.append(node);
    }
    return node.value;
  }

  has(key: K): boolean {
    return this.nodes.has(key);
  }

  /** Adds or replaces `key` as the most recently used entry, evicting the least recently used beyond the limit. */
  set(key: K, value: V): this {
    const known = this.nodes.get(key);
    if (known !== undefined) {
      known.value = value;
      if (known !== this.newest) {
        this.unlink(known);
        this.append(known);
      }
      return this;
    }
    const node: Node<K, V> = { key, value, older: null, newer: null };
    this.nodes.set(key, node);
    this.append(node);
    if (this.nodes.size > this.limit && this.oldest) this.delete(this.oldest.key);
    return this;
  }

  delete(key: K): boolean {
    const node = this.nodes.get(key);
    if (node === undefined) return false;
    this.nodes.delete(key);
    this.unlink(node);
    return true;
  }

  clear(): void {
    this.nodes.clear();
    this.oldest = null;
    this.newest = null;
  }

  /** Keys from least to most recently used. */
  *keys(): IterableIterator<K> {
    for (let node = this.oldest; node; node = node.newer) yield node.key;
  }

  /** Values from least to most recently used (not touching recency). */
  *values(): IterableIterator<V> {
    for (let node = this.oldest; node; node = node.newer) yield node.value;
  }

  private unlink(node: Node<K, V>): void {
    if (node.older) node.older.newer = node.newer;
    else this.oldest = node.newer;
    if (node.newer) node.newer.older = node.older;
    else this.newest = node.older;
    node.older = null;
    node.newer = null;
  }

  private append(node: Node<K, V>): void {
    node.older = this.newest;
    if (this.newest) this.newest.newer = node;
    else this.oldest = node;
    this.newest = node;
  }
}
