import { describe, expect, it } from "vitest";

import { resolveIntegryIdentity } from "@/lib/integry/server/params";

const alice = { id: "0b6f2c6e-user-alice", accountId: "7c1e7d0a-account-acme", name: "Alice" };

describe("resolveIntegryIdentity", () => {
  it("gives the user's ID under the user scope", () => {
    expect(resolveIntegryIdentity(alice, "user")).toBe("0b6f2c6e-user-alice");
  });

  it("gives the account's ID under the account scope", () => {
    expect(resolveIntegryIdentity(alice, "account")).toBe("7c1e7d0a-account-acme");
  });

  it("refuses a session with no user ID", () => {
    expect(() => resolveIntegryIdentity({ ...alice, id: "" }, "user")).toThrow(
      expect.objectContaining({ code: "invalid_identity", message: "The session has no user ID." }),
    );
  });

  it("refuses a session with no account ID under the account scope", () => {
    expect(() => resolveIntegryIdentity({ ...alice, accountId: "" }, "account")).toThrow(
      expect.objectContaining({ code: "invalid_identity", message: "The session has no account ID." }),
    );
  });
});
