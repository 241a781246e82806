// The command line's HTTP client for the Countersign API: COUNTERSIGN_URL and COUNTERSIGN_TOKEN,
// JSON in and out, the API's error shape turned into one readable line. No database, no Next.js:
// this runs in the bundled CLI (npm run build:cli) on a CI runner with plain node.
export class UsageError extends Error {}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export interface Api {
  base: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T>;
}

export function apiFromEnv(env: Record<string, string | undefined> = process.env): Api {
  const url = env.COUNTERSIGN_URL?.trim();
  const token = env.COUNTERSIGN_TOKEN?.trim();
  if (!url)
    throw new UsageError(
      "set COUNTERSIGN_URL to the portal's address, e.g. https://countersign.example.com",
    );
  if (!token)
    throw new UsageError(
      "set COUNTERSIGN_TOKEN to an API token (create one under API tokens in the portal)",
    );
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    throw new UsageError(`COUNTERSIGN_URL is not a URL: ${url}`);
  }
  const origin = base.href.replace(/\/+$/, "");
  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    let response: Response;
    try {
      response = await fetch(`${origin}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiProblem(
        0,
        "CONNECTION",
        `cannot reach ${origin}: ${(error as Error).cause ?? (error as Error).message}`,
      );
    }
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: reported below
    }
    if (!response.ok) {
      const error = (
        json as { error?: { code?: string; message?: string; details?: unknown } } | null
      )?.error;
      throw new ApiProblem(
        response.status,
        error?.code ?? `HTTP_${response.status}`,
        error?.message ?? `${response.status} ${response.statusText}`,
        Array.isArray(error?.details)
          ? (error.details as { field: string; message: string }[])
          : [],
      );
    }
    return json as T;
  }
  return {
    base: origin,
    get: (path) => call("GET", path),
    post: (path, body, headers) => call("POST", path, body, headers),
  };
}
