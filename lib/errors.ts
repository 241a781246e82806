// Expected errors carry a code and a message the user may see; anything else is logged and shown
// as a generic message (docs/architecture.md, "Errors").
export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
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

export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, details: error.details } },
    };
  }
  console.error(error);
  return {
    status: 500,
    body: {
      error: { code: "INTERNAL", message: "Something went wrong on our side. It has been logged." },
    },
  };
}
