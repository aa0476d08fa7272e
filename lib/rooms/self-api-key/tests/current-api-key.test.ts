import { decodeJwt } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";

import { currentApiKey } from "@/lib/rooms/self-api-key/api-key";

const options = { secret: "unit-current-key-secret-4b9e1f07c2d8a653", deploymentId: "42", userId: "user-alice" };

afterEach(() => {
  // Fires lru-cache's pending reset of its last clock reading, or the next test would still see the fake time.
  if (vi.isFakeTimers()) vi.runOnlyPendingTimers();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("currentApiKey", () => {
  it("hands one identity the same key for five minutes, then a fresh one", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-28T00:00:00Z"), toFake: ["Date", "setTimeout"] });
    // lru-cache times entries with performance.now(), which it captured before the fake timers: tie it to Date.
    vi.spyOn(performance, "now").mockImplementation(() => Date.now());
    const first = await currentApiKey("user-alice", options);
    vi.advanceTimersByTime(4 * 60_000 + 59_000);
    expect(await currentApiKey("user-alice", options)).toBe(first);
    vi.advanceTimersByTime(2_000);
    const fresh = await currentApiKey("user-alice", options);
    expect(fresh).not.toBe(first);
    expect(decodeJwt(fresh).iat).toBe(Date.parse("2026-11-28T00:05:01Z") / 1000);
  });

  it("never hands one identity's key to another, nor across deployments or secrets", async () => {
    const alice = await currentApiKey("user-alice", options);
    const carol = await currentApiKey("user-carol", { ...options, userId: "user-carol" });
    const otherDeployment = await currentApiKey("user-alice", { ...options, deploymentId: "43" });
    const otherSecret = await currentApiKey("user-alice", { ...options, secret: `${options.secret}-rotated` });
    expect(decodeJwt(carol).sub).toBe("user-carol");
    expect(new Set([alice, carol, otherDeployment, otherSecret]).size).toBe(4);
    expect(decodeJwt(otherDeployment).aud).toBe("integry-deployment:43");
  });

  it("hands two members of one account keys of their own, each naming its member", async () => {
    const alice = await currentApiKey("account-acme", options);
    const bob = await currentApiKey("account-acme", { ...options, userId: "user-bob" });
    expect(bob).not.toBe(alice);
    expect(await currentApiKey("account-acme", options)).toBe(alice);
    expect([decodeJwt(alice), decodeJwt(bob)]).toMatchObject([
      { sub: "account-acme", uid: "user-alice" },
      { sub: "account-acme", uid: "user-bob" },
    ]);
  });
});
