// Shim for jsonld 9 (untyped), only what the fast-rdf tests use to compare term tables with jsonld.js's own.
declare module 'jsonld' {
  interface JsonLdActiveContext {
    mappings: Map<string, Record<string, unknown>>;
    '@vocab'?: string;
    protected: Record<string, boolean>;
  }
  const jsonld: {
    processContext(
      activeCtx: JsonLdActiveContext | null,
      localCtx: unknown,
      options: { documentLoader: (url: string) => Promise<object> },
    ): Promise<JsonLdActiveContext>;
  };
  export default jsonld;
}
