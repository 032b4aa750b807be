// A unique violation, from either way we talk to PostgreSQL. Prisma 7 reports it as P2002 with the
// constraint under meta.driverAdapterError.cause.constraint (not meta.target, SPEC §2); pg (plain
// SQL, lib/db/sql.ts) as SQLSTATE 23505 with `constraint`. Callers that expect a particular unique
// index map it to their domain meaning with this.
import { Prisma } from "@/lib/generated/prisma/client";

export function uniqueViolation(err: unknown): { constraint: string } | null {
  if (err instanceof Error && (err as { code?: unknown }).code === "23505") {
    return { constraint: String((err as { constraint?: unknown }).constraint ?? "") };
  }
  if (!(err instanceof Prisma.PrismaClientKnownRequestError) || err.code !== "P2002") return null;
  const meta = err.meta as
    | { driverAdapterError?: { cause?: { constraint?: { index?: string } | string; originalMessage?: string } }; target?: unknown }
    | undefined;
  const c = meta?.driverAdapterError?.cause?.constraint;
  const name = typeof c === "string" ? c : (c?.index ?? String(meta?.target ?? ""));
  return { constraint: name };
}
