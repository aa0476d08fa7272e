import { button, byTestId, type EnginePage } from "./engine-page";

const dialog = '[role="dialog"]';

/** Signs in on the sign-in page as a demo user, the way a person does, and waits to land on `callbackUrl`. */
export async function signIn(page: EnginePage, name: string, callbackUrl = "/", timeout?: number) {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.click(button(name));
  const path = callbackUrl.split("?")[0]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await page.expectUrl(new RegExp(`^[^?]*${path}(\\?|$)`), timeout);
}

/**
 * Waits until the embed has settled: the SDK said `ready` and its user variables arrived. The SDK
 * resets its state when they arrive, so a click before that is lost.
 */
export async function waitForLiveEmbed(page: EnginePage) {
  await page.waitFor(byTestId("event-ready"));
  await page.until("the SDK's user variables to arrive", () =>
    page.evaluate(() =>
      performance.getEntriesByType("resource").some((entry) => entry.name.includes("/api/v1/app-user-variables/")),
    ),
  );
}

export async function openIntegrations(page: EnginePage, name: string, query = "") {
  await signIn(page, name, `/integrations${query}`);
  await waitForLiveEmbed(page);
}

/** Sets up the sample "Send new leads to Slack" flow in the embed's modal and saves it. */
export async function saveSlackFlow(page: EnginePage) {
  await page.click(button("Setup and enable"));
  await page.type({ css: `${dialog} #channel input` }, "#sales");
  await page.type({ css: `${dialog} #message input` }, "New lead");
  await page.click({ css: `${dialog} button`, text: "Next" });
  await page.click({ css: `${dialog} button`, text: "Save" });
  await page.waitFor(byTestId("event-did-save-integration"));
}

/** Deletes the first saved integration from its row's menu, as a person does. */
export async function deleteFirstIntegration(page: EnginePage) {
  await page.click({ css: '[class*="singleFlowInstanceRow"] svg', last: true });
  await page.click({ css: '[class*="singleFlowInstanceRow"] *', text: "Delete", last: true });
  await page.waitFor(byTestId("event-did-delete-integration"));
}

/** Elements that stick out of the viewport, or of the panel that holds them, by more than a pixel. */
export function overflows(page: EnginePage): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const viewport = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > viewport + 1)
      found.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${viewport}`);
    for (const panel of Array.from(
      document.querySelectorAll<HTMLElement>(".integry-embed, .panel, .event-log, main"),
    )) {
      const box = panel.getBoundingClientRect();
      for (const element of Array.from(panel.querySelectorAll<HTMLElement>("*"))) {
        const rect = element.getBoundingClientRect();
        if (rect.width === 0 || getComputedStyle(element).position === "fixed") continue;
        if (rect.right > box.right + 1 || rect.left < box.left - 1) {
          const by = Math.round(Math.max(rect.right - box.right, box.left - rect.left));
          found.push(
            `${element.tagName.toLowerCase()}.${element.className} sticks out of ${panel.className} by ${by} px`,
          );
          break;
        }
      }
    }
    return found;
  });
}

/** An app's card in the SDK's apps view: the SDK gives it no role or test ID, only its CSS module's class. */
export const appCard = (title: string) => ({
  css: '[data-testid="integry-container"] [class*="module_appCard__"]',
  text: title,
});

/** Opens the Apps view of /integrations as a demo user, once the SDK has listed the apps. */
export async function openAppsView(page: EnginePage, name: string) {
  await signIn(page, name, "/integrations?view=apps");
  await page.waitFor(appCard("Slack"));
}

/** Connects an app from the Apps view, as a person does: its card opens the sign-in popup, which they allow. */
// The popup's button is enabled once its page is hydrated: a click before that would be lost.
export async function connectApp(page: EnginePage, title: string) {
  const connected = await page.count(byTestId("event-app-connected"));
  await page.inPopup(appCard(title), (popup) => popup.click({ css: "button:enabled", text: "Allow" }));
  await page.expectCount(byTestId("event-app-connected"), connected + 1);
}
