// The signed-in session: access and refresh tokens kept in localStorage, shared by every tab.

const KEY = "confab.tokens";

export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds after which the access token is no longer accepted. */
  expiresAt: number;
}

/** The answer of /v2/auth/login and /v2/auth/refresh (RFC 6749 §5.1 shape). */
export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
}

type Listener = (signedIn: boolean) => void;
const listeners = new Set<Listener>();

export function loadTokens(): StoredTokens | null {
  const text = localStorage.getItem(KEY);
  if (!text) {
    return null;
  }
  try {
    const value = JSON.parse(text) as Partial<StoredTokens>;
    if (typeof value.accessToken === "string" && typeof value.refreshToken === "string" && typeof value.expiresAt === "number") {
      return { accessToken: value.accessToken, refreshToken: value.refreshToken, expiresAt: value.expiresAt };
    }
  } catch {
    // A damaged entry counts as signed out.
  }
  return null;
}

export function saveTokens(response: TokenResponse, now = Date.now()): StoredTokens {
  const tokens: StoredTokens = {
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    expiresAt: now + response.expires_in * 1000,
  };
  localStorage.setItem(KEY, JSON.stringify(tokens));
  notify(true);
  return tokens;
}

export function clearTokens(): void {
  const had = localStorage.getItem(KEY) !== null;
  localStorage.removeItem(KEY);
  if (had) {
    notify(false);
  }
}

export function isSignedIn(): boolean {
  return loadTokens() !== null;
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(signedIn: boolean): void {
  for (const listener of listeners) {
    listener(signedIn);
  }
}

// Another tab signing in or out.
window.addEventListener("storage", (event) => {
  if (event.key === KEY) {
    notify(event.newValue !== null);
  }
});
