// The presentation half of @digitalbazaar/vc, as crypto/sign-presentation.ts uses it (lib/index.js signPresentation).
declare module '@digitalbazaar/vc' {
  export function signPresentation(options: {
    presentation: object;
    suite: object;
    challenge: string;
    domain?: string;
    purpose?: object;
    documentLoader: (url: string) => Promise<object>;
  }): Promise<Record<string, unknown>>;
}
