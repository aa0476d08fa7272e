import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import type { Measured } from "./statistics";

const CHUNKS = ".next/static/chunks";
/**
 * Strings @integry/sdk's bundle holds together: an SDK API path and its class's debug name. Both,
 * since the app's own code names that path too (lib/integry/sdk-verification.ts).
 */
const SDK_MARKERS = ["verify-sdk-config", "IntegrySDK"];

export interface Size {
  raw: number;
  gzip: number;
}

export interface FirstLoadJs extends Size {
  path: string;
  chunks: number;
  /** The first-load chunks that carry SDK code: none, for a page that loads the SDK lazily. */
  sdkChunks: string[];
}

export interface SdkChunks extends Size {
  files: string[];
}

const hasSdkCode = (text: string) => SDK_MARKERS.every((marker) => text.includes(marker));

const sizeOf = (body: Buffer): Size => ({ raw: body.length, gzip: gzipSync(body, { level: 9 }).length });

const sum = (sizes: readonly Size[]): Size =>
  sizes.reduce((total, { raw, gzip }) => ({ raw: total.raw + raw, gzip: total.gzip + gzip }), { raw: 0, gzip: 0 });

/**
 * First-load JS of a page: every <script src> of its HTML as the server sends it, but the legacy
 * polyfills (a noModule script, never fetched by browsers that run modules).
 */
export async function firstLoadJs(baseUrl: string, path: string, cookie: string): Promise<FirstLoadJs> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie }, redirect: "manual" });
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  const tags = [...(await response.text()).matchAll(/<script[^>]*>/g)].map((match) => match[0]);
  const modern = tags.filter((tag) => !/\snomodule/i.test(tag));
  const sources = [...new Set(modern.flatMap((tag) => tag.match(/src="([^"]+)"/)?.[1] ?? []))];
  const chunks = await Promise.all(
    sources.map(async (src) => {
      const body = Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer());
      return { src, ...sizeOf(body), sdk: hasSdkCode(body.toString("utf8")) };
    }),
  );
  return {
    path,
    chunks: chunks.length,
    ...sum(chunks),
    sdkChunks: chunks.filter((chunk) => chunk.sdk).map((chunk) => chunk.src),
  };
}

/** The build's chunks that carry SDK code: what a page pays when it imports the SDK. */
export function sdkChunks(): SdkChunks {
  const files = readdirSync(CHUNKS, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".js"));
  const chunks = files
    .map((file) => ({ file, body: readFileSync(join(CHUNKS, file)) }))
    .filter(({ body }) => hasSdkCode(body.toString("utf8")))
    .map(({ file, body }) => ({ file, ...sizeOf(body) }));
  return { files: chunks.map((chunk) => chunk.file), ...sum(chunks) };
}

export interface Bytes {
  pages: FirstLoadJs[];
  sdk: SdkChunks;
}

/** First-load JS of `/` and `/integrations`, and the SDK chunk; `/` must carry no SDK code. */
export async function measureBytes(baseUrl: string, cookie: string): Promise<Measured<Bytes>> {
  const pages = [await firstLoadJs(baseUrl, "/", cookie), await firstLoadJs(baseUrl, "/integrations", cookie)];
  const sdk = sdkChunks();
  const failures: string[] = [];
  if (sdk.files.length === 0) failures.push("no chunk of the build carries SDK code: the markers are stale");
  if (pages[0]!.sdkChunks.length) failures.push(`/ loads SDK code up front: ${pages[0]!.sdkChunks.join(" ")}`);
  return { value: { pages, sdk }, failures };
}
