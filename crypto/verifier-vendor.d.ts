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

// Shim for @digitalbazaar/did-method-jwk (lib/DidJwkDriver.js, v2).
declare module '@digitalbazaar/did-method-jwk' {
  export interface DidJwkDriver {
    /** The DID document, or the method (with its `@context`) for `did:jwk:…#0`. */
    get(options: { did?: string; url?: string; verificationMethodType?: 'JsonWebKey' | 'JsonWebKey2020' }): Promise<Record<string, unknown>>;
  }
  export function driver(): DidJwkDriver;
}
