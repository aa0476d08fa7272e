import type { Metadata } from "next";
import type { ReactNode } from "react";

import { themeCss } from "@/lib/integry/shared/embed-options";

import "./globals.css";

const THEME_CSS = themeCss();

// Every page reads the session or the environment: render per request, never at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Integry Next.js starter",
  description: "Embed the Integry integrations marketplace in your Next.js app, with the hash computed on the server.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        {/* Built from constants, never from input: the page's palette, light, dark or the browser's. */}
        <style dangerouslySetInnerHTML={{ __html: THEME_CSS }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
