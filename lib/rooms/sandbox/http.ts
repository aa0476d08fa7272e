import { readBoundedBody } from "@/lib/bounded-body";
import { NO_STORE } from "@/lib/errors";

export const MAX_BODY_BYTES = 64 * 1024;

export function sandboxJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

// Refuses as Integry's API does (`{ "detail": … }`), so the SDK takes its own failure path.
export function sandboxRefusal(status: number, detail: string, headers?: Record<string, string>): Response {
  return Response.json({ detail }, { status, headers: { ...NO_STORE, ...headers } });
}

export function sandboxNoContent(): Response {
  return new Response(null, { status: 204, headers: NO_STORE });
}

export function sandboxSvg(svg: string): Response {
  return new Response(svg, {
    headers: { ...NO_STORE, "Content-Type": "image/svg+xml", "X-Content-Type-Options": "nosniff" },
  });
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; response: Response };

/** The request's JSON body; an empty one reads as `whenEmpty` where given, where the caller may send nothing. */
export async function readJsonBody(request: Request, whenEmpty?: unknown): Promise<JsonBody> {
  const body = await readBoundedBody(request, MAX_BODY_BYTES);
  if (!body)
    return { ok: false, response: sandboxRefusal(413, `Request body is larger than ${MAX_BODY_BYTES} bytes.`) };
  if (body.byteLength === 0 && whenEmpty !== undefined) return { ok: true, value: whenEmpty };
  try {
    return { ok: true, value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body)) };
  } catch {
    return { ok: false, response: sandboxRefusal(400, "JSON parse error: the request body is not valid JSON.") };
  }
}
