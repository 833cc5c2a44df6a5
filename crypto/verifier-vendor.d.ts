// Shim for @digitalbazaar/ed25519-signature-2020 (lib/Ed25519Signature2020.js, v5): only what crypto/ uses.
declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: object);
    /** jsonld-signatures LinkedDataSignature.verifyProof: `document` without `proof`; never throws for a bad proof. */
    verifyProof(options: {
      proof: object;
      document: object;
      documentLoader: (url: string) => Promise<object>;
    }): Promise<{ verified: boolean; error?: unknown; verificationMethod?: Record<string, unknown> }>;
  }
}
