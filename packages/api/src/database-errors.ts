import { TRPCError } from "@trpc/server";

/** Postgres SQLSTATEs a caller's input can trigger; everything else stays a 500. */
const conflictCodes = new Set(["23505"]); // unique_violation
const badInputCodes = new Set([
  "22001", // string_data_right_truncation
  "22003", // numeric_value_out_of_range
  "22007", // invalid_datetime_format
  "22P02", // invalid_text_representation (e.g. a malformed uuid)
  "23502", // not_null_violation
  "23503", // foreign_key_violation
  "23514", // check_violation
]);

function sqlState(error: unknown): { code: string; constraint?: string } | undefined {
  // Drizzle wraps driver errors (DrizzleQueryError) and keeps the driver's error as `cause`.
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        ...(typeof candidate.constraint === "string" ? { constraint: candidate.constraint } : {}),
      };
    }
    current = candidate.cause;
  }
  return undefined;
}

const constraintMessages: Record<string, string> = {
  devices_serial_unique: "A device of this type with this serial number already exists",
  users_email_unique: "A user with this email already exists",
  users_username_unique: "A user with this username already exists",
};

export function databaseErrorToTRPC(error: unknown): TRPCError | undefined {
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") return undefined;
  const state = sqlState(error);
  if (!state) return undefined;
  if (conflictCodes.has(state.code)) {
    const message =
      (state.constraint && constraintMessages[state.constraint]) ?? "This record already exists";
    return new TRPCError({ code: "CONFLICT", message });
  }
  if (badInputCodes.has(state.code)) {
    return new TRPCError({ code: "BAD_REQUEST", message: "A value was rejected by the database" });
  }
  return undefined;
}
