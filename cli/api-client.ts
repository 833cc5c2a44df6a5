/** A small client of the Proofline HTTP API for the CLI: bearer token, JSON, problem+json errors surfaced. */
export interface ApiClient {
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  get(path: string): Promise<{ status: number; body: unknown; text: string }>;
}

export function createApiClient(baseUrl: string, token: string | undefined): ApiClient {
  const base = baseUrl.replace(/\/$/, '');
  const auth: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(base + path, {
      method,
      headers: { Accept: 'application/json', ...auth, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      redirect: 'error',
      signal: AbortSignal.timeout(120_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed, text };
  };
  return {
    post: (path, body, headers) => request('POST', path, body, headers),
    get: (path) => request('GET', path),
  };
}

export function describeProblem(body: unknown): string {
  const p = body as { code?: string; detail?: string; title?: string } | null;
  return p && typeof p === 'object' ? `${p.code ?? 'ERROR'}: ${p.detail ?? p.title ?? ''}` : String(body);
}
