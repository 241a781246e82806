import type { DefaultSession } from "next-auth";
import type { Level, Role } from "@/lib/domain/levels";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: string; level: Level; roles: Role[] };
    /** How this session was issued (lib/auth/sign-in-method.ts). */
    method?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    level?: Level;
    roles?: Role[];
    method?: string;
  }
}
