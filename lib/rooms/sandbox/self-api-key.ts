import type { SandboxContext } from "@/lib/rooms/sandbox/endpoint";
import { sandboxRefusal } from "@/lib/rooms/sandbox/http";
import { SANDBOX_CUSTOMER_APP } from "@/lib/rooms/sandbox/sample-model";

export const SELF_API_ME_PATH = "/api/v1/me";
// The SDK's form waits on this answer: a slow or hung app must not hold it for long.
export const SELF_API_TIMEOUT_MS = 3_000;

export interface SelfAppAccount {
  userId: string;
  name: string;
}

export type SelfAppAuthorization =
  { status: "absent" } | ({ status: "verified" } & SelfAppAccount) | { status: "refused"; response: Response };

function refused(status: number, detail: string): SelfAppAuthorization {
  return { status: "refused", response: sandboxRefusal(status, detail) };
}

function isMe(body: unknown): body is { userId: string; name: string | null } {
  if (typeof body !== "object" || body === null) return false;
  const { userId, name } = body as Record<string, unknown>;
  return typeof userId === "string" && (typeof name === "string" || name === null);
}

// Checked as Integry would, by calling the app's own API: a refused key or another user's never opens the form.
export async function authorizeSelfApp(context: SandboxContext): Promise<SelfAppAuthorization> {
  const key = context.url.searchParams.get("self_api_key");
  if (!key) return { status: "absent" };
  let answer: Response;
  try {
    answer = await context.selfApiFetch(new URL(SELF_API_ME_PATH, context.url.origin), {
      headers: { Authorization: `Bearer ${key}`, Accept: "application/json" },
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(SELF_API_TIMEOUT_MS),
    });
  } catch {
    return refused(502, `Could not verify self_api_key: ${SELF_API_ME_PATH} did not answer.`);
  }
  if (answer.status === 401 || answer.status === 403) {
    await answer.body?.cancel();
    return refused(401, `Invalid self_api_key: ${SANDBOX_CUSTOMER_APP.name} refused it.`);
  }
  const body: unknown = answer.ok ? await answer.json().catch(() => null) : await answer.body?.cancel();
  if (!isMe(body)) return refused(502, `Could not verify self_api_key: ${SELF_API_ME_PATH} answered unexpectedly.`);
  if (body.userId !== context.userId) return refused(403, "Invalid self_api_key: it belongs to another user.");
  return { status: "verified", userId: body.userId, name: body.name ?? body.userId };
}
