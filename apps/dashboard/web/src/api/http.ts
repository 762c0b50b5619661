// Every call to the ops API: the bearer token, JSON both ways, and failures as `ApiFailure` with the
// API's own `{ code, message, field? }` so the page can say what went wrong in words.
export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export interface Http {
  get<T>(path: string): Promise<T>;
  getWithVersion<T>(path: string): Promise<{ body: T; etag: string | null }>;
  post<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T>;
  put<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T>;
  del<T>(path: string): Promise<T>;
}

async function failureOf(res: Response): Promise<ApiFailure> {
  try {
    const body = (await res.json()) as { code?: string; message?: string; field?: string };
    return new ApiFailure(res.status, body.code ?? 'internal', body.message ?? res.statusText, body.field);
  } catch {
    return new ApiFailure(res.status, 'internal', res.statusText || 'the server did not answer');
  }
}

export function createHttp(token: string, onUnauthorized: () => void): Http {
  async function send(path: string, init: RequestInit = {}): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(path, { ...init, headers: { Accept: 'application/json', Authorization: `Bearer ${token}`, ...init.headers } });
    } catch {
      throw new ApiFailure(0, 'offline', 'The server cannot be reached. Check your connection; the page retries by itself.');
    }
    if (res.status === 401) onUnauthorized();
    if (!res.ok) throw await failureOf(res);
    return res;
  }
  return {
    async get<T>(path: string) {
      return (await (await send(path)).json()) as T;
    },
    async getWithVersion<T>(path: string) {
      const res = await send(path);
      return { body: (await res.json()) as T, etag: res.headers.get('ETag') };
    },
    async post<T>(path: string, body: unknown, headers: Record<string, string> = {}) {
      const res = await send(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } });
      return (await res.json()) as T;
    },
    async put<T>(path: string, body: unknown, headers: Record<string, string> = {}) {
      const res = await send(path, { method: 'PUT', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } });
      return (await res.json()) as T;
    },
    async del<T>(path: string) {
      return (await (await send(path, { method: 'DELETE' })).json()) as T;
    },
  };
}
