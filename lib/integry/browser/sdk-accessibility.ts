const SDK_ROOTS = '[id^="integry-embed-"], [id^="x-integry-modal-"]';

// What the SDK's apps view makes clickable with no role and no focus: an app's card, "Add account", an account's
// delete icon. A keyboard could not reach them, so could not connect an app at all.
const CLICKABLE = [
  '[class*="module_appCard__"]',
  '[class*="module_addAccountCTA__"]',
  '[class*="module_deleteIcon__"]',
];
const CLICKABLE_SELECTOR = CLICKABLE.join(", ");

// The SDK offers no option for the names axe asks for: add them as it renders.
function patch(root: ParentNode, dialogName: string) {
  for (const image of root.querySelectorAll<HTMLImageElement>("img:not([alt])")) {
    // The app icons sit beside the app's or flow's name: decorative.
    if (image.closest(SDK_ROOTS)) image.alt = "";
  }
  for (const dialog of root.querySelectorAll<HTMLElement>('[role="dialog"]:not([aria-label])')) {
    const labelledBy = dialog.getAttribute("aria-labelledby");
    if (dialog.closest(SDK_ROOTS) && !(labelledBy && document.getElementById(labelledBy))) {
      dialog.setAttribute("aria-label", dialogName);
    }
  }
  for (const element of root.querySelectorAll<HTMLElement>(`:is(${CLICKABLE_SELECTOR}):not([role])`)) {
    if (!element.closest(SDK_ROOTS)) continue;
    element.setAttribute("role", "button");
    element.tabIndex = 0;
    // The icon has no text: it removes the account its row names.
    if (element.matches(CLICKABLE[2]!)) element.setAttribute("aria-label", "Remove this account");
  }
}

// Enter and Space press what the patch made a button, as they press a real one.
function pressOnKey(event: KeyboardEvent) {
  if (event.key !== "Enter" && event.key !== " ") return;
  const target = event.target;
  if (!(target instanceof HTMLElement) || !target.matches(CLICKABLE_SELECTOR) || !target.closest(SDK_ROOTS)) return;
  event.preventDefault();
  target.click();
}

export function patchSdkAccessibility(dialogName: string): () => void {
  patch(document.body, dialogName);
  const observer = new MutationObserver(() => patch(document.body, dialogName));
  observer.observe(document.body, { childList: true, subtree: true });
  document.addEventListener("keydown", pressOnKey);
  return () => {
    observer.disconnect();
    document.removeEventListener("keydown", pressOnKey);
  };
}
