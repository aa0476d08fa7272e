"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";

import { getAuthOptions } from "@/lib/auth/options";

/**
 * Signs out by expiring the session cookie, and any chunks of it, under the name and flags set in
 * the auth options. A server action: the landing page ships no next-auth client code for it, and
 * Next.js checks the Origin of every action call, so no other site can sign a user out.
 */
export async function signOut() {
  const store = await cookies();
  const { name, options } = getAuthOptions().cookies.sessionToken;
  for (const cookie of store.getAll()) {
    if (cookie.name === name || cookie.name.startsWith(`${name}.`))
      store.set(cookie.name, "", { ...options, maxAge: 0 });
  }
  redirect("/");
}
