import { expect, test, type Route } from "@playwright/test";

// Each way the SDK's own credential check can end, told apart from the status of its own requests.
const TITLES = [
  "Integry rejected the embed's credentials",
  "Integry is having trouble",
  "Integry could not be reached",
];
// The SDK's own two verify requests; with no status to read (a dropped connection), the page probes once more.
const outcomes: [string, (route: Route) => Promise<void>, string, number][] = [
  [
    "401",
    (route) => route.fulfill({ status: 401, json: { detail: "Invalid hash." } }),
    "Integry rejected the embed's credentials",
    2,
  ],
  [
    "503",
    (route) => route.fulfill({ status: 503, json: { detail: "Service unavailable." } }),
    "Integry is having trouble",
    2,
  ],
  [
    "429",
    (route) => route.fulfill({ status: 429, json: { detail: "Throttled." } }),
    "Integry is having trouble (too many requests)",
    2,
  ],
  ["an aborted connection", (route) => route.abort("connectionreset"), "Integry could not be reached", 3],
];

for (const [name, answer, says, requests] of outcomes) {
  test(`verify-sdk-config answering ${name} gives its own state, with ${requests} verification requests`, async ({
    page,
  }) => {
    const verifications: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/verify-sdk-config/")) verifications.push(request.url());
    });
    await page.route("**/verify-sdk-config/**", answer);
    await page.goto("/sign-in?callbackUrl=/integrations");
    await page.getByRole("button", { name: /Carol/ }).click();

    const error = page.getByTestId("embed-error");
    await expect(error).toContainText(says, { timeout: 15_000 });
    await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();
    for (const other of TITLES.filter((title) => !says.startsWith(title))) {
      await expect(error).not.toContainText(other);
    }
    expect(verifications).toHaveLength(requests);
  });
}
