// Text PostgreSQL refuses to store, from either way we talk to it: U+0000 in a text parameter
// (SQLSTATE 22021, "invalid byte sequence for encoding UTF8: 0x00") or in jsonb (22P05,
// "unsupported Unicode escape sequence"). The input schemas refuse such characters first
// (lib/schemas/common.ts); this recognises the database's refusal for the error mapping, so a field
// they miss is a 400 rather than a 500. pg (plain SQL, lib/db/sql.ts) puts the SQLSTATE in `code`;
// Prisma 7 under meta.driverAdapterError.cause.originalCode, with its own P-code in `code`. pg's
// error is recognised by its shape (severity + code), not its class: a bundle may hold two copies.
import { Prisma } from "@/lib/generated/prisma/client";

const UNSTORABLE_TEXT = new Set(["22021", "22P05"]);

/** The SQLSTATE of a database error, or null for anything else. */
export function sqlState(err: unknown): string | null {
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    const adapterError = (err.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError;
    return adapterState(adapterError);
  }
  if (err instanceof Error && err.name === "DriverAdapterError") return adapterState(err);
  const e = err as { severity?: unknown; code?: unknown } | null;
  if (err instanceof Error && typeof e?.severity === "string" && typeof e.code === "string") return e.code;
  return null;
}

export const isUnstorableText = (err: unknown): boolean => UNSTORABLE_TEXT.has(sqlState(err) ?? "");

function adapterState(adapterError: unknown): string | null {
  const code = (adapterError as { cause?: { originalCode?: unknown } } | undefined)?.cause?.originalCode;
  return typeof code === "string" ? code : null;
}
