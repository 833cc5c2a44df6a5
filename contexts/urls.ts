/** Well-known JSON-LD context URLs. Every one of them is bundled (see bundled-contexts.ts); none is ever fetched. */
export const CREDENTIALS_V1 = 'https://www.w3.org/2018/credentials/v1';
export const CREDENTIALS_V2 = 'https://www.w3.org/ns/credentials/v2';
export const CREDENTIALS_EXAMPLES_V1 = 'https://www.w3.org/2018/credentials/examples/v1';
export const CREDENTIALS_EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';
export const CREDENTIALS_UNDEFINED_TERMS_V2 = 'https://www.w3.org/ns/credentials/undefined-terms/v2';
export const BITSTRING_STATUS_LIST_V1 = 'https://www.w3.org/ns/credentials/status/v1';
/** VC Status List 2021 (W3C CCG; the VC 1.1 predecessor of Bitstring Status List): `StatusList2021Entry` / `StatusList2021Credential`. */
export const STATUS_LIST_2021_V1 = 'https://w3id.org/vc/status-list/2021/v1';
export const DATA_INTEGRITY_V1 = 'https://w3id.org/security/data-integrity/v1';
export const DATA_INTEGRITY_V2 = 'https://w3id.org/security/data-integrity/v2';
export const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';
export const SECURITY_V1 = 'https://w3id.org/security/v1';
export const SECURITY_V2 = 'https://w3id.org/security/v2';
export const JWK_V1 = 'https://w3id.org/security/jwk/v1';
export const ED25519_2020_V1 = 'https://w3id.org/security/suites/ed25519-2020/v1';
export const DID_V1 = 'https://www.w3.org/ns/did/v1';
export const OB_V3P0_1 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json';
export const OB_V3P0_2 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json';
export const OB_V3P0_3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/** The Open Badges 3.0 context we issue with: the newest published revision. */
export const OB_V3P0 = OB_V3P0_3;
export const OB_V3P0_EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
export const CLR_V2P0_1 = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';
/** Proofline's own context for signed match receipts (marketplace/match-receipt.ts): bundled, never fetched. */
export const PROOFLINE_MATCH_RECEIPT_V1 = 'https://proofline.dev/contexts/match-receipt/v1';
