import { createHash } from "node:crypto";

import { describe, expect, it } from "vitest";

import { agentTokens } from "@/lib/rooms/agent-tools/tables";
import { createToken, listTokens, revokeToken, tokenHolder } from "@/lib/rooms/agent-tools/tokens";
import { databasesForThisFile } from "@/tests/support/databases";

const backends = databasesForThisFile(["agent_tokens"]);
const ALICE = { id: "user-alice", accountId: "account-acme" };
const BOB = { id: "user-bob", accountId: "account-acme" };
const T0 = new Date("2026-12-03T09:00:00Z");
const days = (n: number) => new Date(T0.getTime() + n * 24 * 60 * 60 * 1000);

for (const backend of backends) {
  describe.skipIf(backend.skip)(`on ${backend.name}`, () => {
    it("hands a token out once, keeps only its SHA-256, and knows whose it is until it expires after 90 days", async () => {
      const db = await backend.open();
      const created = await createToken(db, ALICE, "1", "Claude Code", T0);
      expect(created.token).toMatch(/^intg_pat_[A-Za-z0-9_-]{43}$/);
      expect(created).toMatchObject({ name: "Claude Code", expiresAt: days(90), lastUsedAt: null });
      const stored = await db.select().from(agentTokens);
      expect(stored[0]!.tokenHash).toBe(createHash("sha256").update(created.token).digest("hex"));
      expect(JSON.stringify(stored)).not.toContain(created.token);
      expect(JSON.stringify(await listTokens(db, ALICE, T0))).not.toContain(created.token);

      expect(await tokenHolder(db, created.token, "1", days(89))).toEqual({ tokenId: created.id, user: ALICE });
      expect(await tokenHolder(db, created.token, "1", days(90))).toBeUndefined();
      expect(await listTokens(db, ALICE, days(90))).toEqual([]);
    });

    it("refuses a malformed token, another deployment's, and one revoked by its owner only", async () => {
      const db = await backend.open();
      const { token, id } = await createToken(db, ALICE, "1", "Cursor", T0);
      expect(await tokenHolder(db, `${token}x`, "1", T0)).toBeUndefined();
      expect(await tokenHolder(db, token.replace("intg_pat_", "other_pat_"), "1", T0)).toBeUndefined();
      expect(await tokenHolder(db, token, "2", T0)).toBeUndefined();
      expect(await revokeToken(db, BOB, id, T0)).toBe(false);
      expect(await tokenHolder(db, token, "1", T0)).toMatchObject({ user: ALICE });
      expect(await revokeToken(db, ALICE, id, T0)).toBe(true);
      expect(await revokeToken(db, ALICE, id, T0)).toBe(false);
      expect(await tokenHolder(db, token, "1", T0)).toBeUndefined();
    });

    it("caps a user's live tokens at 10 with a 422, and lets one more in once one is revoked", async () => {
      const db = await backend.open();
      const made = [];
      for (let index = 1; index <= 10; index++) made.push(await createToken(db, ALICE, "1", `agent ${index}`, T0));
      await expect(createToken(db, ALICE, "1", "eleventh", T0)).rejects.toMatchObject({
        code: "too_many_tokens",
        status: 422,
      });
      await createToken(db, BOB, "1", "Bob's own", T0);
      await revokeToken(db, ALICE, made[0]!.id, T0);
      await createToken(db, ALICE, "1", "eleventh", T0);
      expect((await listTokens(db, ALICE, T0)).map(({ name }) => name)[0]).toBe("eleventh");
    });

    it("records when a token was last used, at most once a minute", async () => {
      const db = await backend.open();
      const { token } = await createToken(db, ALICE, "1", "Claude Code", T0);
      await tokenHolder(db, token, "1", new Date(T0.getTime() + 1_000));
      await tokenHolder(db, token, "1", new Date(T0.getTime() + 30_000));
      expect((await listTokens(db, ALICE, T0))[0]!.lastUsedAt).toEqual(new Date(T0.getTime() + 1_000));
      await tokenHolder(db, token, "1", new Date(T0.getTime() + 62_000));
      expect((await listTokens(db, ALICE, T0))[0]!.lastUsedAt).toEqual(new Date(T0.getTime() + 62_000));
    });
  });
}
