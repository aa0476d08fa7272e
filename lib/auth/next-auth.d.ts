import "next-auth";
import "next-auth/jwt";

import type { SessionUser } from "@/lib/auth/options";

// What this app adds to next-auth's types: the account (organisation) a user belongs to.
declare module "next-auth" {
  interface User {
    accountId?: string;
  }
  interface Session {
    user: SessionUser;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    accountId?: string;
  }
}
