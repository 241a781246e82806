// A real SMTP server for the fault tests (the smtp-server package) that can be down (not listening),
// refusing (every second message answered "451 try again later") or up. It counts what it accepted
// by the message's X-Countersign-Mail header, so a message delivered twice shows.
import { SMTPServer } from "smtp-server";

export class Mailbox {
  private server: SMTPServer | null = null;
  private flip = false;
  mode: "up" | "refusing" = "up";
  /** Accepted messages by their mail id (X-Countersign-Mail), with how often each came. */
  readonly received = new Map<string, number>();
  refused = 0;

  constructor(readonly port: number) {}

  async start(mode: "up" | "refusing" = "up"): Promise<void> {
    this.mode = mode;
    if (this.server) return;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          if (this.mode === "refusing" && (this.flip = !this.flip)) {
            this.refused++;
            const error = new Error("try again later") as Error & { responseCode: number };
            error.responseCode = 451;
            return callback(error);
          }
          const raw = Buffer.concat(chunks).toString("utf8");
          const id = /^X-Countersign-Mail: (.*)$/im.exec(raw)?.[1]?.trim() ?? "(none)";
          this.received.set(id, (this.received.get(id) ?? 0) + 1);
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.server = server;
  }

  /** Down: the port refuses connections. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get total(): number {
    return [...this.received.values()].reduce((a, b) => a + b, 0);
  }

  get twice(): string[] {
    return [...this.received].filter(([, n]) => n > 1).map(([id]) => id);
  }
}
