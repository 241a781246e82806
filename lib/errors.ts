import { isDatabaseUnavailable, isDiskFull } from "@/lib/db/unavailable";

// Expected errors carry a code and a message the user may see; anything else is logged and shown
// as a generic message (docs/architecture.md, "Errors").
export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldProblem {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldProblem[] | Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = "Not found") => new AppError("NOT_FOUND", what);
export const forbidden = (what = "You do not have permission to do this.") =>
  new AppError("FORBIDDEN", what);

export function validationError(problems: FieldProblem[]): AppError {
  const message = problems.map((p) => `${p.field}: ${p.message}`).join("; ");
  return new AppError("VALIDATION", message || "Invalid input", problems);
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Seconds a client should wait before retrying a 503 or a 429 without its own figure. */
export const RETRY_AFTER_SECONDS = 5;

export function toErrorBody(error: unknown): {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
} {
  if (error instanceof AppError) {
    const retry = error.code === "UNAVAILABLE" || error.code === "TOO_MANY_REQUESTS";
    const own = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    const seconds = typeof own === "number" && own > 0 ? Math.ceil(own) : RETRY_AFTER_SECONDS;
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, details: error.details } },
      ...(retry ? { headers: { "retry-after": String(seconds) } } : {}),
    };
  }
  if (isDiskFull(error)) {
    console.error("database disk full:", error instanceof Error ? error.message : error);
    return toErrorBody(
      new AppError(
        "UNAVAILABLE",
        "The database server is out of disk space, so nothing was saved. Try again once an operator has freed space.",
      ),
    );
  }
  if (isDatabaseUnavailable(error)) {
    console.error("database unavailable:", error instanceof Error ? error.message : error);
    return toErrorBody(
      new AppError("UNAVAILABLE", "The database cannot be reached right now. Try again shortly."),
    );
  }
  console.error(error);
  return {
    status: 500,
    body: {
      error: { code: "INTERNAL", message: "Something went wrong on our side. It has been logged." },
    },
  };
}
