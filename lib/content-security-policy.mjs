// The Integry origins the embed talks to; the offline sandbox is same-origin ('self').
const INTEGRY_ORIGINS = "https://app.integry.io https://api.integry.io https://embed.app.integry.io";

/**
 * The Content-Security-Policy: HTML pages get a fresh nonce per response from proxy.ts, so only scripts
 * Next.js itself wrote (and what they load, by 'strict-dynamic') run; other answers get no script at all.
 * @param {{ nonce?: string; development: boolean }} options
 */
export function contentSecurityPolicy({ nonce, development }) {
  // React's dev tooling needs eval; production never does.
  const devOnly = development ? " 'unsafe-eval'" : "";
  const scripts = nonce ? `'nonce-${nonce}' 'strict-dynamic'` : "'self'";
  return [
    "default-src 'self'",
    `script-src ${scripts}${devOnly}`,
    // The SDK (Preact) sets style attributes and injects <style> elements with no nonce: styles stay 'unsafe-inline'.
    "style-src 'self' 'unsafe-inline'",
    // The SDK ships its Inter font as data: URLs.
    "font-src 'self' data:",
    // Marketplace app icons are hosted wherever each app's vendor keeps them.
    "img-src 'self' data: blob: https:",
    `connect-src 'self' ${INTEGRY_ORIGINS}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
