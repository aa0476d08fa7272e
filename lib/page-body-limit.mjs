// What a page request may carry: a Server Action's few fields. Shared by next.config.mjs, which bounds what Next
// buffers for proxy.ts, and proxy.ts, which refuses a declared larger body outright.
export const PAGE_BODY_LIMIT = "16kb";
export const PAGE_BODY_LIMIT_BYTES = 16 * 1024;
