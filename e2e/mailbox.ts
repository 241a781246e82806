// A real SMTP server for the browser tests (the smtp-server package): every message it receives
// is appended to test-results/mail.ndjson, which the tests read.
import { appendFileSync, mkdirSync, readFileSync, existsSync } from "node:fs";
import { SMTPServer } from "smtp-server";

export const MAILBOX = "test-results/mail.ndjson";

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  body: string;
}

export function startMailbox(port: number): Promise<SMTPServer> {
  mkdirSync("test-results", { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const subject = /^Subject: (.*)$/im.exec(raw)?.[1]?.trim() ?? "";
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          subject,
          body: raw
            .split(/\r?\n\r?\n/)
            .slice(1)
            .join("\n\n"),
        };
        appendFileSync(MAILBOX, `${JSON.stringify(mail)}\n`);
        callback();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

export function receivedMail(): ReceivedMail[] {
  if (!existsSync(MAILBOX)) return [];
  return readFileSync(MAILBOX, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ReceivedMail);
}
