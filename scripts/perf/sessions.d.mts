export interface SignedInUser {
  email: string;
  /** The Cookie header that carries this user's next-auth session. */
  cookie: string;
  userId: string;
}

export const DEMO_EMAILS: string[];
export function signIn(baseUrl: string, email: string): Promise<SignedInUser>;
export function signInAll(baseUrl: string, emails?: string[]): Promise<SignedInUser[]>;
export function integryHash(secret: string, id: string): string;
