// Sign-up, sign-in and sign-out against /v2/auth.

import { apiJson } from "./http";
import { clearTokens, saveTokens, type TokenResponse } from "./tokens";
import { forgetCurrentUser, type User } from "./users";

export async function register(email: string, password: string, displayName: string, timezone: string | null): Promise<User> {
  return apiJson<User>("POST", "/v2/auth/register", {
    auth: false,
    body: { email, password, display_name: displayName, timezone },
  });
}

export async function signIn(email: string, password: string): Promise<void> {
  const tokens = await apiJson<TokenResponse>("POST", "/v2/auth/login", { auth: false, body: { email, password } });
  forgetCurrentUser();
  saveTokens(tokens);
}

/** Forgets the tokens here. The API has no revocation endpoint yet, so the refresh token lapses on its own. */
export function signOut(): void {
  forgetCurrentUser();
  clearTokens();
}
