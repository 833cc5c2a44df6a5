/** Email addresses compare trimmed and lower-cased (accounts, proven addresses, award recipients). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
