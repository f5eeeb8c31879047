import type { Metadata } from "next";
import { Header } from "@/components/header";
// Math in problem statements (lib/markdown.ts renders it with KaTeX on the server).
import "katex/dist/katex.min.css";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Arbiter", template: "%s · Arbiter" },
  description: "A self-hostable web IDE and online judge for programming courses.",
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">
        <Header />
        <main className="mx-auto max-w-5xl px-4 py-8">{children}</main>
      </body>
    </html>
  );
}
