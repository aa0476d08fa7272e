import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import {
  READY_AFTER_VERIFY_MS,
  READY_TIMEOUT_MS,
  verdictOfVerifyEntry,
  watchSdkVerification,
  type SdkVerification,
} from "@/lib/integry/browser/sdk-diagnosis";

const VERIFY_URL = "https://app.integry.io/verify-sdk-config/?app_key=k&hash=h&user_id=u";

describe("verdictOfVerifyEntry", () => {
  it("reads nothing into an entry without responseStatus, as WebKit gives", () => {
    expect(verdictOfVerifyEntry({})).toBe("unknown");
  });

  it("reads nothing into a withheld status of 0", () => {
    expect(verdictOfVerifyEntry({ responseStatus: 0 })).toBe("unknown");
  });

  it.each([
    [200, { outcome: "verified" }],
    [401, { outcome: "rejected", status: 401 }],
    [403, { outcome: "rejected", status: 403 }],
    [429, { outcome: "unavailable", status: 429 }],
    [503, { outcome: "unavailable", status: 503 }],
  ])("classifies a shown status of %i", (responseStatus, verdict) => {
    expect(verdictOfVerifyEntry({ responseStatus })).toEqual(verdict);
  });
});

describe("watchSdkVerification", () => {
  let observed: (entries: Partial<PerformanceResourceTiming>[]) => void;
  let probes: string[];
  let probeAnswer: () => Promise<Response>;
  let settled: SdkVerification[];

  beforeEach(() => {
    vi.useFakeTimers();
    probes = [];
    settled = [];
    probeAnswer = async () => new Response(null, { status: 401 });
    vi.stubGlobal(
      "PerformanceObserver",
      class {
        constructor(callback: (list: { getEntries: () => unknown[] }) => void) {
          observed = (entries) => callback({ getEntries: () => entries });
        }
        observe() {}
        disconnect() {}
      },
    );
    vi.stubGlobal("document", new EventTarget());
    vi.stubGlobal("fetch", async (url: string) => {
      probes.push(url);
      return probeAnswer();
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const verifyEntry = (fields: Partial<PerformanceResourceTiming> = {}) => ({
    name: VERIFY_URL,
    startTime: performance.now(),
    ...fields,
  });
  const watch = () => watchSdkVerification(VERIFY_URL, (verification) => settled.push(verification));

  it("takes `ready` as success and never probes, whatever the engine hid", async () => {
    const watcher = watch();
    observed([verifyEntry()]);
    watcher.sdkReady();
    await vi.advanceTimersByTimeAsync(READY_TIMEOUT_MS * 2);
    expect(settled).toEqual([{ outcome: "verified" }]);
    expect(probes).toEqual([]);
  });

  it("with no status to read and no `ready`, probes once and reports what the probe saw", async () => {
    watch();
    observed([verifyEntry(), verifyEntry()]);
    await vi.advanceTimersByTimeAsync(READY_AFTER_VERIFY_MS);
    expect(probes).toEqual([VERIFY_URL]);
    expect(settled).toEqual([{ outcome: "rejected", status: 401 }]);
  });

  it("a probe that cannot connect means unreachable", async () => {
    probeAnswer = () => Promise.reject(new TypeError("Load failed"));
    watch();
    await vi.advanceTimersByTimeAsync(READY_TIMEOUT_MS);
    expect(probes).toHaveLength(1);
    expect(settled).toEqual([{ outcome: "unreachable" }]);
  });

  it("a probe that finds the credentials good raises no alarm", async () => {
    probeAnswer = async () => new Response("{}", { status: 200 });
    watch();
    observed([verifyEntry({ responseStatus: 0 })]);
    await vi.advanceTimersByTimeAsync(READY_AFTER_VERIFY_MS);
    expect(settled).toEqual([{ outcome: "verified" }]);
  });

  it("a status the engine shows settles at once, with no probe", async () => {
    watch();
    observed([verifyEntry({ responseStatus: 503 })]);
    await vi.advanceTimersByTimeAsync(READY_TIMEOUT_MS * 2);
    expect(settled).toEqual([{ outcome: "unavailable", status: 503 }]);
    expect(probes).toEqual([]);
  });

  it("`ready` while the probe is out wins over the probe's answer", async () => {
    let answer!: (response: Response) => void;
    probeAnswer = () => new Promise((resolve) => (answer = resolve));
    const watcher = watch();
    await vi.advanceTimersByTimeAsync(READY_TIMEOUT_MS);
    watcher.sdkReady();
    answer(new Response(null, { status: 401 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toEqual([{ outcome: "verified" }]);
  });
});
