import Link from "next/link";

import type { EmbedRenderMode, EmbedThemeChoice } from "@/lib/integry/shared/embed-options";

const CHOICES = {
  mode: [
    ["modal", "Modal"],
    ["inline", "Inline"],
  ],
  theme: [
    ["system", "Auto"],
    ["light", "Light"],
    ["dark", "Dark"],
  ],
} as const;

// Not prefetched: each prefetch would render this dynamic page on the server while the SDK is still downloading.
export function EmbedSwitcher({ renderMode, theme }: { renderMode: EmbedRenderMode; theme: EmbedThemeChoice }) {
  const current = { mode: renderMode.toLowerCase(), theme };
  return (
    <div className="switcher">
      {(Object.keys(CHOICES) as (keyof typeof CHOICES)[]).map((group) => (
        <nav key={group} aria-label={group === "mode" ? "Form render mode" : "Theme"} className="segmented">
          {CHOICES[group].map(([value, label]) => {
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
