"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";

import { getNextAuthOptions } from "@/lib/auth/options";

// A server action: Next.js checks the Origin of every call, so no other site can sign a user out.
export async function signOut() {
  const store = await cookies();
  const { name, options } = getNextAuthOptions().cookies.sessionToken;
  for (const cookie of store.getAll()) {
    if (cookie.name === name || cookie.name.startsWith(`${name}.`))
      store.set(cookie.name, "", { ...options, maxAge: 0 });
  }
  redirect("/");
}
