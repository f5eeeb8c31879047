import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Packages with native code or dynamic requires stay outside the bundle (Next 16 already
  // treats @prisma/client, better-sqlite3 and pg as externals; listed for clarity).
  serverExternalPackages: [
    "@prisma/client",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "better-sqlite3",
    "pg",
    "pino",
    "pino-pretty",
    "ws",
    "dockerode",
  ],
  poweredByHeader: false,
  // `next build` type-checks the app (app/, components/, lib/ and what they import);
  // `npm run typecheck` (tsc --noEmit, tsconfig.json) checks the whole repository.
  typescript: { tsconfigPath: "tsconfig.next.json" },
  reactStrictMode: true,
  typedRoutes: false,
  experimental: {
    // forbidden() -> app/forbidden.tsx with HTTP 403 (used by lib/auth/guards.ts)
    authInterrupts: true,
    // Test-zip uploads go through a server action (lib/authoring/test-upload.ts caps the zip at 64 MiB).
    serverActions: { bodySizeLimit: "65mb" },
  },
};

export default nextConfig;
