// Shims for untyped libraries used only by tests.
declare module 'jsonld-document-loader' {
  export class JsonLdDocumentLoader {
    addStatic(url: string, document: object): void;
    setDidResolver(resolver: object): void;
    build(): (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: object }>;
  }
}
