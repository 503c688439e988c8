import type { ErrorBody, ErrorCode } from '@causette/shared';

/** A REST failure carries the server's error code, or `unavailable` when the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener = () => {};

/** The session layer decides what a 401 means (back to login); this module only reports it. */
export function setUnauthorizedHandler(listener: UnauthorizedListener): void {
  onUnauthorized = listener;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Login and the first /me probe handle 401 themselves instead of ending the session. */
  allowUnauthorized?: boolean;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  };
  if (options.body !== undefined) {
    init.body = JSON.stringify(options.body);
    init.headers = { ...init.headers, 'content-type': 'application/json' };
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (err) {
    throw new ApiError(0, 'unavailable', err instanceof Error ? err.message : String(err));
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as { error?: Partial<ErrorBody> } | null)?.error;
    const apiError = new ApiError(response.status, error?.code ?? 'internal', error?.message ?? response.statusText);
    if (response.status === 401 && !options.allowUnauthorized) onUnauthorized();
    throw apiError;
  }
  return payload as T;
}
