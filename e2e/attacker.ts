// A page on another port of the same host: same-site to the portal (the session cookie, SameSite
// Lax, goes with its requests) but another origin. Serves whatever HTML a test hands it.
import { createServer, type Server } from "node:http";

export async function serveAttacker(
  port: number,
  html: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
