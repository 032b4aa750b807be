// Prisma 7 reports a unique violation as P2002 with the constraint under
// meta.driverAdapterError.cause.constraint (not meta.target, SPEC §2). Callers that expect a
// particular unique index map it to their domain meaning with this.
import { Prisma } from "@/lib/generated/prisma/client";

export function uniqueViolation(err: unknown): { constraint: string } | null {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError) || err.code !== "P2002") return null;
  const meta = err.meta as
    | { driverAdapterError?: { cause?: { constraint?: { index?: string } | string; originalMessage?: string } }; target?: unknown }
    | undefined;
  const c = meta?.driverAdapterError?.cause?.constraint;
  const name = typeof c === "string" ? c : (c?.index ?? String(meta?.target ?? ""));
  return { constraint: name };
}
