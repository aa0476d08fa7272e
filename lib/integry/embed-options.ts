import type { CSSProperties } from "react";

/**
 * How the embed looks and behaves: the one place to customise it. Render mode and theme are
 * also switchable from /integrations (?mode=inline&theme=dark) so you can see each choice.
 */

/** MODAL: setup forms open in a dialog over the list. INLINE: they replace the list in the page. */
export type EmbedRenderMode = "MODAL" | "INLINE";
export type EmbedThemeName = "light" | "dark";

export interface EmbedTheme {
  accent: string;
  accentText: string;
  surface: string;
  text: string;
  mutedText: string;
  border: string;
}

/** Your brand: applied to the SDK's list, cards, buttons, inputs and modal. */
export const EMBED_BRAND = {
  fontFamily: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  radius: "8px",
};

export const EMBED_THEMES: Record<EmbedThemeName, EmbedTheme> = {
  light: {
    accent: "#4f46e5",
    accentText: "#ffffff",
    surface: "#ffffff",
    text: "#16161d",
    mutedText: "#5d5d6e",
    border: "#dcdce6",
  },
  dark: {
    accent: "#8b85ff",
    accentText: "#0d0d12",
    surface: "#1b1b24",
    text: "#ececf1",
    mutedText: "#a0a0b2",
    border: "#2e2e3c",
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
export const DEFAULT_THEME: EmbedThemeName = "light";

/** Reads the switcher's query parameters, falling back to the defaults above. */
export function parseEmbedPreferences(query: { mode?: string | string[]; theme?: string | string[] }) {
  return {
    renderMode: query.mode === "inline" ? "INLINE" : query.mode === "modal" ? "MODAL" : DEFAULT_RENDER_MODE,
    theme: query.theme === "dark" ? "dark" : query.theme === "light" ? "light" : DEFAULT_THEME,
  } satisfies { renderMode: EmbedRenderMode; theme: EmbedThemeName };
}

/** The theme as CSS custom properties, read by app/integrations/integry-theme.css. */
export function embedThemeStyle(name: EmbedThemeName): CSSProperties {
  const theme = EMBED_THEMES[name];
  return {
    "--embed-accent": theme.accent,
    "--embed-accent-text": theme.accentText,
    "--embed-surface": theme.surface,
    "--embed-text": theme.text,
    "--embed-muted": theme.mutedText,
    "--embed-border": theme.border,
    "--embed-font": EMBED_BRAND.fontFamily,
    "--embed-radius": EMBED_BRAND.radius,
    // The SDK's own custom properties, used by its links, spinners and step headings.
    "--theme-accent-blue-1": theme.accent,
    "--theme-accent-blue-2": theme.accent,
    "--black-and-grey-title-and-desc": theme.text,
    "--black-and-grey-draft-and-tooltip-desc": theme.mutedText,
  } as CSSProperties;
}
