// Calls to the REST API (docs/api.md): JSON in and out, the bearer token attached, and the access token
// renewed with the refresh token shortly before it expires or when the server answers 401.

import { clearTokens, loadTokens, saveTokens, type StoredTokens, type TokenResponse } from "./tokens";

/** An answer other than 2xx, with the RFC 7807 problem's detail and field errors when present. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The field messages, one per line, or the general message. */
  describe(): string {
    const lines = Object.values(this.fields).flat();
    return lines.length > 0 ? lines.join("\n") : this.message;
  }
}

/** Renew this long before the access token's stated expiry, so a request in flight does not race it. */
const EXPIRY_MARGIN_MS = 30_000;

export interface RequestOptions {
  body?: unknown;
  /** Send the bearer token (default true). */
  auth?: boolean;
  accept?: string;
}

export async function apiJson<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) {
    return undefined as T;
  }
  return (await response.json()) as T;
}

export async function apiText(method: string, path: string, options: RequestOptions = {}): Promise<string> {
  const response = await send(method, path, { ...options, accept: options.accept ?? "text/plain" });
  return response.text();
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const auth = options.auth ?? true;
  let tokens: StoredTokens | null = null;
  if (auth) {
    tokens = await freshTokens();
  }
  let response = await fetch(path, init(method, options, tokens));
  if (auth && response.status === 401 && tokens) {
    // The token may have been revoked or the clock may be off: renew once and retry.
    tokens = await refresh(tokens.refreshToken);
    response = await fetch(path, init(method, options, tokens));
  }
  if (!response.ok) {
    throw await toError(response);
  }
  return response;
}

function init(method: string, options: RequestOptions, tokens: StoredTokens | null): RequestInit {
  const headers: Record<string, string> = { Accept: options.accept ?? "application/json" };
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  if (tokens) {
    headers.Authorization = `Bearer ${tokens.accessToken}`;
  }
  return {
    method,
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
  };
}

async function toError(response: Response): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`.trim();
  let fields: Record<string, string[]> = {};
  try {
    const problem = (await response.json()) as { title?: string; detail?: string; errors?: Record<string, string[]> };
    message = problem.detail ?? problem.title ?? message;
    fields = problem.errors ?? {};
  } catch {
    // Not a problem document; keep the status line.
  }
  if (response.status === 429) {
    const retry = response.headers.get("Retry-After");
    message = retry ? `Too many attempts. Try again in ${retry} seconds.` : "Too many attempts. Try again later.";
  }
  return new ApiError(response.status, message, fields);
}

/** The signed-in user's access token, renewed first when it is about to expire; undefined when signed out. */
export async function currentAccessToken(): Promise<string | undefined> {
  if (!loadTokens()) {
    return undefined;
  }
  try {
    return (await freshTokens()).accessToken;
  } catch {
    return undefined;
  }
}

/** Tokens whose access token is still good, renewing it first when it is about to expire. */
async function freshTokens(): Promise<StoredTokens> {
  const tokens = loadTokens();
  if (!tokens) {
    throw new ApiError(401, "Please sign in.");
  }
  if (tokens.expiresAt - EXPIRY_MARGIN_MS > Date.now()) {
    return tokens;
  }
  return refresh(tokens.refreshToken);
}

let inFlight: Promise<StoredTokens> | null = null;

/**
 * Trades the refresh token for a new pair. A refresh token is spent on use and reusing one revokes
 * the whole session, so one renewal runs at a time: within this tab by sharing the promise, across
 * tabs by a Web Lock, after which a tab whose token another tab already spent takes the stored pair.
 */
function refresh(spentCandidate: string): Promise<StoredTokens> {
  inFlight ??= withLock(async () => {
    const current = loadTokens();
    if (!current) {
      throw new ApiError(401, "Please sign in.");
    }
    if (current.refreshToken !== spentCandidate && current.expiresAt - EXPIRY_MARGIN_MS > Date.now()) {
      return current;
    }
    const response = await fetch("/v2/auth/refresh", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ refresh_token: current.refreshToken }),
    });
    if (!response.ok) {
      clearTokens();
      throw new ApiError(401, "Your session has ended. Please sign in again.");
    }
    return saveTokens((await response.json()) as TokenResponse);
  }).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator !== "undefined" && navigator.locks) {
    return navigator.locks.request("confab-token-refresh", work);
  }
  return work();
}
