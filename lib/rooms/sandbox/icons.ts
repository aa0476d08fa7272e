import { SANDBOX_BASE_PATH } from "@/lib/rooms/sandbox/public";

export type SandboxIconName = "acme" | "slack" | "google-sheets" | "hubspot" | "mailchimp" | "webhook" | "trello";

// Plain lettered tiles, not the vendors' logos: the sandbox ships no trademarks and loads nothing remote.
function tile(background: string, letter: string, foreground = "#fff"): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">` +
    `<rect width="64" height="64" rx="14" fill="${background}"/>` +
    `<text x="32" y="42" font-family="Arial,Helvetica,sans-serif" font-size="28" font-weight="700" ` +
    `fill="${foreground}" text-anchor="middle">${letter}</text></svg>`
  );
}

const ICONS: Record<SandboxIconName, string> = {
  acme: tile("#4250f0", "A"),
  slack: tile("#4a154b", "S"),
  "google-sheets": tile("#0f9d58", "G"),
  hubspot: tile("#ff7a59", "H"),
  mailchimp: tile("#ffe01b", "M", "#241c15"),
  webhook: tile("#374151", "W"),
  trello: tile("#0079bf", "T"),
};

export function findSandboxIcon(name: string): string | undefined {
  return Object.hasOwn(ICONS, name) ? ICONS[name as SandboxIconName] : undefined;
}

export function sandboxIconUrl(name: SandboxIconName): string {
  return `${SANDBOX_BASE_PATH}/icons/${name}.svg`;
}
