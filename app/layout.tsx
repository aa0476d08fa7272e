import type { Metadata } from "next";
import type { ReactNode } from "react";

import "./globals.css";

// Every page reads the session or the environment: render per request, never at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Integry Next.js starter",
  description: "Embed the Integry integrations marketplace in your Next.js app, with the hash computed on the server.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
