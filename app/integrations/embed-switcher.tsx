import Link from "next/link";

import type { EmbedRenderMode, EmbedThemeChoice, EmbedView } from "@/lib/integry/shared/embed-options";

const CHOICES = {
  view: {
    label: "View",
    options: [
      ["flows", "Flows"],
      ["apps", "Apps"],
    ],
  },
  mode: {
    label: "Form render mode",
    options: [
      ["modal", "Modal"],
      ["inline", "Inline"],
    ],
  },
  theme: {
    label: "Theme",
    options: [
      ["system", "Auto"],
      ["light", "Light"],
      ["dark", "Dark"],
    ],
  },
} as const;

type Group = keyof typeof CHOICES;

// Not prefetched: each prefetch would render this dynamic page on the server while the SDK is still downloading.
export function EmbedSwitcher({
  view,
  renderMode,
  theme,
}: {
  view: EmbedView;
  renderMode: EmbedRenderMode;
  theme: EmbedThemeChoice;
}) {
  const current: Record<Group, string> = { view, mode: renderMode.toLowerCase(), theme };
  // The apps view has no setup forms, so no render mode to choose.
  const groups = (Object.keys(CHOICES) as Group[]).filter((group) => !(group === "mode" && view === "apps"));
  return (
    <div className="switcher">
      {groups.map((group) => (
        <nav key={group} aria-label={CHOICES[group].label} className="segmented">
          {CHOICES[group].options.map(([value, label]) => {
            const query = new URLSearchParams({ ...current, [group]: value });
            return (
              <Link
                key={value}
                href={`/integrations?${query}`}
                aria-current={current[group] === value ? "true" : undefined}
                replace
                prefetch={false}
              >
                {label}
              </Link>
            );
          })}
        </nav>
      ))}
    </div>
  );
}
