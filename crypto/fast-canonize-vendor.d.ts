// Shim for rdf-canonize 5 (untyped), only what crypto/fast-canonize.ts uses: `canonize` of a dataset to N-Quads.
declare module 'rdf-canonize' {
  export function canonize(dataset: readonly object[], options: { algorithm: string } & Record<string, unknown>): Promise<string>;
}
