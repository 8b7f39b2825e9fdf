// The signed-in account (GET /v2/users/me), fetched once per sign-in.

import { apiJson } from "./http";

export interface User {
  id: string;
  email: string;
  display_name: string | null;
  pmi: number | null;
  account_type: string;
  timezone: string | null;
  created_at: string;
}

let cached: Promise<User> | null = null;

export function currentUser(): Promise<User> {
  cached ??= apiJson<User>("GET", "/v2/users/me").catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

export function forgetCurrentUser(): void {
  cached = null;
}
