// The one place to customise the embed; try render mode and theme on /integrations?mode=inline&theme=dark.

/** Flows: the marketplace of flows a user sets up. Apps: the apps they connect, for flows and for AI agents alike. */
export type EmbedView = "flows" | "apps";
/** MODAL: setup forms open in a dialog over the list. INLINE: they replace the list in the page. */
export type EmbedRenderMode = "MODAL" | "INLINE";
export type EmbedThemeName = "light" | "dark";
/** A theme the user picked, or "system": follow the browser's prefers-color-scheme. */
export type EmbedThemeChoice = EmbedThemeName | "system";

/** The SDK is themed from the same palette as the page around it. */
export interface EmbedTheme {
  background: string;
  surface: string;
  text: string;
  mutedText: string;
  border: string;
  accent: string;
  accentText: string;
  danger: string;
}

/** Your brand: applied to the SDK's list, cards, buttons, inputs and modal. */
export const EMBED_BRAND = {
  fontFamily: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  radius: "8px",
};

export const EMBED_THEMES: Record<EmbedThemeName, EmbedTheme> = {
  light: {
    background: "#f7f7fb",
    surface: "#ffffff",
    text: "#16161d",
    mutedText: "#5d5d6e",
    border: "#dcdce6",
    accent: "#4f46e5",
    accentText: "#ffffff",
    danger: "#b42318",
  },
  dark: {
    background: "#111117",
    surface: "#1b1b24",
    text: "#ececf1",
    mutedText: "#a0a0b2",
    border: "#2e2e3c",
    accent: "#8b85ff",
    accentText: "#0d0d12",
    danger: "#ff8a80",
  },
};

/** Passed to the SDK as its own `options`: labels it shows. */
export const EMBED_SDK_OPTIONS = {
  marketplaceModalTitle: "Integrations",
  buttonLabelToSaveIntegration: "Save",
};

/** The list's density, the SDK's `viewStyle`. */
export const EMBED_VIEW_STYLE: "COMFORTABLE" | "COMPACT" = "COMFORTABLE";

export const DEFAULT_RENDER_MODE: EmbedRenderMode = "MODAL";
export const DEFAULT_THEME: EmbedThemeChoice = "system";

export function parseEmbedPreferences(query: {
  view?: string | string[];
  mode?: string | string[];
  theme?: string | string[];
}) {
  const theme = query.theme;
  return {
    view: query.view === "apps" ? "apps" : "flows",
    renderMode: query.mode === "inline" ? "INLINE" : query.mode === "modal" ? "MODAL" : DEFAULT_RENDER_MODE,
    theme: theme === "dark" || theme === "light" || theme === "system" ? theme : DEFAULT_THEME,
  } satisfies { view: EmbedView; renderMode: EmbedRenderMode; theme: EmbedThemeChoice };
}

function declarations(theme: EmbedTheme, scheme: EmbedThemeName): string {
  return [
    `color-scheme:${scheme}`,
    `--background:${theme.background}`,
    `--surface:${theme.surface}`,
    `--foreground:${theme.text}`,
    `--muted:${theme.mutedText}`,
    `--border:${theme.border}`,
    `--accent:${theme.accent}`,
    `--accent-foreground:${theme.accentText}`,
    `--danger:${theme.danger}`,
    `--font:${EMBED_BRAND.fontFamily}`,
    `--radius:${EMBED_BRAND.radius}`,
  ].join(";");
}

/** The browser's colour scheme until a page says `data-theme="light"` or `"dark"` (the switcher's choice). */
export function themeCss(): string {
  const { light, dark } = EMBED_THEMES;
  return [
    `:root{${declarations(light, "light")}}`,
    `@media (prefers-color-scheme:dark){:root{${declarations(dark, "dark")}}}`,
    // The chosen theme for the whole page; an engine without :has() still themes the page's content.
    `:root:has([data-theme="light"]),[data-theme="light"]{${declarations(light, "light")}}`,
    `:root:has([data-theme="dark"]),[data-theme="dark"]{${declarations(dark, "dark")}}`,
  ].join("\n");
}
