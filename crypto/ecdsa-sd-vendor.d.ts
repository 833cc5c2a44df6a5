// Shims for @digitalbazaar/ecdsa-sd-2023-cryptosuite (lib/index.js at 3.4) and the derive half of @digitalbazaar/vc and
// DataIntegrityProof: crypto/sign-ecdsa-sd.ts and crypto/verify-ecdsa-sd.ts use them.
declare module '@digitalbazaar/ecdsa-sd-2023-cryptosuite' {
  export function createSignCryptosuite(options?: { mandatoryPointers?: string[] }): object;
  export function createDiscloseCryptosuite(options?: { proofId?: string; selectivePointers?: string[] }): object;
  export function createVerifyCryptosuite(options?: { requiredAlgorithm?: string[] }): object;
}

declare module '@digitalbazaar/vc' {
  export function derive(options: {
    verifiableCredential: object;
    suite: object;
    documentLoader: (url: string) => Promise<object>;
  }): Promise<Record<string, unknown>>;
}
