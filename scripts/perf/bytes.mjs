import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const ROOT = new URL("../..", import.meta.url).pathname;
const CHUNKS = join(ROOT, ".next/static/chunks");
/** Strings only @integry/sdk's bundle contains: an SDK API path and its class's debug name. */
export const SDK_MARKERS = ["verify-sdk-config", "IntegrySDK"];

const hasSdkCode = (text) => SDK_MARKERS.some((marker) => text.includes(marker));

function size(buffer) {
  return { raw: buffer.length, gzip: gzipSync(buffer, { level: 9 }).length };
}

function sum(sizes) {
  return sizes.reduce((total, { raw, gzip }) => ({ raw: total.raw + raw, gzip: total.gzip + gzip }), {
    raw: 0,
    gzip: 0,
  });
}

/**
 * First-load JS of a page: every <script src> of its HTML as the server sends it (but the legacy
 * polyfills), with whether any of those chunks carries SDK code.
 */
export async function firstLoadJs(baseUrl, path, cookie) {
  const response = await fetch(`${baseUrl}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  const html = await response.text();
  // A noModule script is the legacy polyfill bundle: browsers that run modules never fetch it.
  const tags = [...html.matchAll(/<script[^>]*>/g)].map((match) => match[0]);
  const modern = tags.filter((tag) => !/\snomodule/i.test(tag));
  const sources = [...new Set(modern.flatMap((tag) => tag.match(/src="([^"]+)"/)?.[1] ?? []))];
  const chunks = await Promise.all(
    sources.map(async (src) => {
      const body = Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer());
      return { src, ...size(body), sdk: hasSdkCode(body.toString("utf8")) };
    }),
  );
  return {
    path,
    chunks: chunks.length,
    ...sum(chunks),
    sdkChunks: chunks.filter((chunk) => chunk.sdk).map((c) => c.src),
  };
}

/** The build's chunks that carry SDK code: what a page pays when it imports the SDK. */
export function sdkChunks() {
  const files = readdirSync(CHUNKS, { recursive: true }).filter((file) => String(file).endsWith(".js"));
  const chunks = files
    .map((file) => ({ file: String(file), body: readFileSync(join(CHUNKS, String(file))) }))
    .filter(({ body }) => hasSdkCode(body.toString("utf8")))
    .map(({ file, body }) => ({ file, ...size(body) }));
  return { files: chunks.map((chunk) => chunk.file), ...sum(chunks) };
}
