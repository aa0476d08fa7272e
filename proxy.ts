import { NextResponse, type NextRequest } from "next/server";

import { contentSecurityPolicy } from "@/lib/content-security-policy.mjs";
import { PAGE_BODY_LIMIT_BYTES } from "@/lib/page-body-limit.mjs";

// A fresh nonce per page: Next.js reads it from the request's policy and puts it on every script it writes.
export function proxy(request: NextRequest) {
  // Refused before Next reads it: a body past the limit (chunked ones are cut there by next.config.mjs).
  if (Number(request.headers.get("content-length") ?? 0) > PAGE_BODY_LIMIT_BYTES) {
    return new NextResponse("Payload Too Large", { status: 413 });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

// Pages only: API routes and static files get next.config.mjs's script-free policy, and their bodies never pass here.
export const config = {
  matcher: "/((?!api/|_next/).*)",
};
