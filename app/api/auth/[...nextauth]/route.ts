import NextAuth from "next-auth";
import { NextRequest } from "next/server";

import { getNextAuthOptions } from "@/lib/auth/options";
import { readBoundedBody } from "@/lib/bounded-body";
import { AppError, errorResponse } from "@/lib/errors";

// A sign-in form is a few hundred bytes; next-auth itself would read any body, whatever its size.
const MAX_AUTH_BODY_BYTES = 8 * 1024;

// Options built at run time, from the server's environment, not the build machine's.
async function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  if (request.method === "POST") {
    const body = await readBoundedBody(request, MAX_AUTH_BODY_BYTES);
    if (!body) {
      return errorResponse(
        new AppError("payload_too_large", `The request body is larger than ${MAX_AUTH_BODY_BYTES} bytes.`),
      );
    }
    request = new NextRequest(request.url, { method: "POST", headers: request.headers, body });
  }
  return NextAuth(request, context, getNextAuthOptions());
}

export { handler as GET, handler as POST };
