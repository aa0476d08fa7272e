const SDK_ROOTS = '[id^="integry-embed-"], [id^="x-integry-modal-"]';

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
}

export function patchSdkAccessibility(dialogName: string): () => void {
  patch(document.body, dialogName);
  const observer = new MutationObserver(() => patch(document.body, dialogName));
  observer.observe(document.body, { childList: true, subtree: true });
  return () => observer.disconnect();
}
