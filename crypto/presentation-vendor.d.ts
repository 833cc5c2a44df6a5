// The presentation half of @digitalbazaar/vc (lib/index.js): crypto/sign-presentation.ts signs with it; tests build
// holders' presentations with createPresentation.
declare module '@digitalbazaar/vc' {
  export function createPresentation(options: { verifiableCredential?: object | object[]; id?: string; holder?: string; version?: number }): Record<string, unknown>;
  export function signPresentation(options: {
    presentation: object;
    suite: object;
    challenge: string;
    domain?: string;
    purpose?: object;
    documentLoader: (url: string) => Promise<object>;
  }): Promise<Record<string, unknown>>;
}
