import { AppError } from "@/lib/errors";

/**
 * A request's body, read only up to `limit` bytes, chunked bodies included: null when it is larger,
 * so an oversized upload is refused before anything parses or keeps it.
 */
export async function readBoundedBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (Number(request.headers.get("content-length") ?? "0") > limit) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      size += chunk.value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return null;
      }
      chunks.push(chunk.value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * A JSON body of at most `limit` bytes: 415 unless sent as JSON (a form or text/plain is what another site's page
 * can post without a preflight), 413 when larger, 400 when it is not JSON.
 */
export async function readBoundedJson(request: Request, limit: number): Promise<unknown> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new AppError("unsupported_media_type", "Send the body as JSON, with Content-Type: application/json.");
  }
  const body = await readBoundedBody(request, limit);
  if (!body) throw new AppError("payload_too_large", `The request body is larger than ${limit} bytes.`);
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new AppError("bad_request", "The request body is not JSON.");
  }
}
