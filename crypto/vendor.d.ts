// Shims for the untyped digitalbazaar libraries (DESIGN.md §8). Only what crypto/ uses is declared; shapes follow
// each library's lib/index.js at the versions in package.json.

declare module '@digitalbazaar/vc' {
  export class CredentialIssuancePurpose {
    constructor(options?: { controller?: object; date?: Date | string; maxTimestampDelta?: number });
  }
  export interface VerifyResult {
    verified: boolean;
    error?: unknown;
    results?: Array<{ verified: boolean; error?: unknown; proof?: object }>;
  }
  export function issue(options: {
    credential: object;
    suite: object;
    purpose?: object;
    documentLoader: (url: string) => Promise<object>;
    now?: Date | string;
    maxClockSkew?: number;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: object;
    suite: object | object[];
    purpose?: object;
    documentLoader: (url: string) => Promise<object>;
    now?: Date | string;
    checkStatus?: (options: object) => Promise<{ verified: boolean }>;
  }): Promise<VerifyResult>;
  /** Exported with an underscore but public in practice: the data-model checks `issue` runs (plain Errors). */
  export function _checkCredential(options: { credential: object; now?: Date; mode?: 'issue' | 'verify' }): void;
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: {
      signer?: { id: string; algorithm: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> };
      date?: Date | string | null;
      cryptosuite: object;
      legacyContext?: boolean;
    });
    /** Checks one proof's signature (no proof-purpose rules); `document` is the secured document without `proof`. */
    verifyProof(options: {
      proof: object;
      document: object;
      documentLoader: (url: string) => Promise<object>;
    }): Promise<{ verified: boolean; error?: unknown }>;
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: {
    name: string;
    requiredAlgorithm: string;
    /** RDFC-1.0 N-Quads of a JSON-LD document (safe mode). */
    canonize(input: object, options: { documentLoader: (url: string) => Promise<object> }): Promise<string>;
  };
}

declare module '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite' {
  export const cryptosuite: {
    name: string;
    requiredAlgorithm: string[];
    canonize(input: object, options: { documentLoader: (url: string) => Promise<object> }): Promise<string>;
  };
}

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519MultikeyKeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    /** Raw 32-byte public key. */
    publicKey: Uint8Array;
    /** 64 bytes: seed || public key. */
    secretKey?: Uint8Array;
    export(options?: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<{
      publicKeyMultibase: string;
      secretKeyMultibase?: string;
    }>;
    signer(): { id: string; algorithm: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> };
    verifier(): { id: string; algorithm: string; verify(options: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> };
  }
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519MultikeyKeyPair>;
  export function toJwk(options: { keyPair: Ed25519MultikeyKeyPair; secretKey?: boolean }): Promise<Record<string, unknown>>;
  export function fromJwk(options: { jwk: object; secretKey?: boolean; id?: string; controller?: string }): Promise<Ed25519MultikeyKeyPair>;
  export function from(key: {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
  }): Promise<Ed25519MultikeyKeyPair>;
}

declare module '@digitalbazaar/ecdsa-multikey' {
  type CryptoKey = import('node:crypto').webcrypto.CryptoKey;
  export interface EcdsaMultikeyKeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    publicKey: CryptoKey;
    secretKey?: CryptoKey;
    export(options?: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<{
      publicKeyMultibase: string;
      secretKeyMultibase?: string;
    }>;
    signer(): { id: string; algorithm: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> };
    verifier(): { id: string; algorithm: string; verify(options: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> };
  }
  export function generate(options: { id?: string; controller?: string; curve: 'P-256' | 'P-384' }): Promise<EcdsaMultikeyKeyPair>;
  export function toJwk(options: { keyPair: EcdsaMultikeyKeyPair; secretKey?: boolean }): Promise<Record<string, unknown>>;
  export function fromJwk(options: { jwk: object; secretKey?: boolean; id?: string; controller?: string }): Promise<EcdsaMultikeyKeyPair>;
  export function from(key: {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
  }): Promise<EcdsaMultikeyKeyPair>;
}

declare module '@digitalbazaar/did-method-key' {
  export interface DidKeyDriver {
    use(options: { multibaseMultikeyHeader: string; fromMultibase: (key: { publicKeyMultibase: string }) => Promise<object> }): void;
    /** The DID document, or the verification method (with its `@context`) when `did` carries a fragment. */
    get(options: { did?: string; url?: string }): Promise<Record<string, unknown>>;
  }
  export function driver(): DidKeyDriver;
}
