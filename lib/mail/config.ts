// Mail settings from the environment. Without SMTP_HOST the portal sends no e-mail (notifications
// stay in-app), which is the default in demo mode.
import { z } from "zod";

const schema = z.object({
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: z
    .enum(["1", "0", "true", "false"])
    .optional()
    .transform((v) => v === "1" || v === "true"),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  MAIL_FROM: z.string().default("Countersign <countersign@localhost>"),
  NEXTAUTH_URL: z.string().url().optional(),
  PUBLIC_URL: z.string().url().optional(),
});

export type MailConfig = z.infer<typeof schema> & { publicUrl: string };

export function mailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const parsed = schema.parse(env);
  return {
    ...parsed,
    publicUrl: (parsed.PUBLIC_URL ?? parsed.NEXTAUTH_URL ?? "http://localhost:3000").replace(
      /\/$/,
      "",
    ),
  };
}

export function mailEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.SMTP_HOST);
}
