// Which network interface `npm start` listens on. Demo mode lets anyone sign in as anyone, the
// admin included, so a demo portal listens on this machine only unless HOST says otherwise.

export interface Listen {
  host: string;
  /** What to print: where a person opens the portal, and who else can reach it. */
  summary: string;
}

export function listenAddress(options: { host?: string; demo: boolean; port: number }): Listen {
  const host = options.host?.trim() || (options.demo ? "127.0.0.1" : "0.0.0.0");
  const local = host === "127.0.0.1" || host === "localhost" || host === "::1";
  const everywhere = host === "0.0.0.0" || host === "::";
  const url = `http://${local || everywhere ? "localhost" : host}:${options.port}`;
  const reach = local
    ? `listening on ${host} only: other machines cannot reach it (set HOST=0.0.0.0 to change that)`
    : everywhere
      ? "listening on every network interface"
      : `listening on ${host}`;
  const warning =
    options.demo && !local
      ? "; WARNING: demo mode lets anyone who can reach it sign in as anyone"
      : "";
  return { host, summary: `${url} (${reach}${warning})` };
}
