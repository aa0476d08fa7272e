/** Who is signed in: `accountId` is the organisation whose users share flows under the account scope. */
export interface SessionUser {
  id: string;
  accountId: string;
  name?: string | null;
  email?: string | null;
  image?: string | null;
}
