import type { DefaultSession } from "next-auth";
import type { Level, Role } from "@/lib/domain/levels";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: string; level: Level; roles: Role[] };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    level?: Level;
    roles?: Role[];
  }
}
