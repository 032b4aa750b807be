// Which database failures are transient — the database restarting, unreachable, out of connections,
// a lock or statement timeout, a deadlock victim — so a caller should get "503, retry shortly"
// rather than a 500. Decided by SQLSTATE and driver error codes, never by message text, except for
// the few pg failures that carry no code at all (listed below). Errors arrive three ways: from pg
// (plain SQL, lib/db/sql.ts: `code` is the SQLSTATE or a Node socket code), from Prisma 7 through
// the pg adapter (`meta.driverAdapterError.cause`: a SQLSTATE with kind "postgres", or a driver
// kind such as DatabaseNotReachable), and Prisma's own codes (P2028: no transaction slot in time).
import { Prisma } from "@/lib/generated/prisma/client";

// SQLSTATE classes and codes worth retrying (PostgreSQL appendix A):
//  08xxx connection exception; 53xxx insufficient resources (too many connections, out of memory);
//  57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up / shutting
//  down); 57014 query canceled (statement_timeout); 55P03 lock not available (lock_timeout);
//  40001 serialization failure; 40P01 deadlock detected.
const TRANSIENT_SQLSTATE = /^(08...|53...|57P0[123]|57014|55P03|40001|40P01)$/;
const TRANSIENT_SOCKET = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
const TRANSIENT_DRIVER_KIND = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TransactionAlreadyClosed"]);
// P1001 can't reach, P1002 timed out reaching, P1008 operation timed out, P1017 server closed the
// connection, P2024 pool timeout, P2028 transaction API (no connection in maxWait / tx timed out),
// P2034 write conflict or deadlock.
const TRANSIENT_PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2034"]);
// pg's own failures that have no code: a pool with no free connection in connectionTimeoutMillis,
// and a connection that died under a query.
const CODELESS_PG = /^(timeout exceeded when trying to connect|Connection terminated( unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable)$/;

export function isTransientDbError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Prisma.PrismaClientKnownRequestError) {
      if (TRANSIENT_PRISMA.has(e.code)) return true;
      const cause = (e.meta as { driverAdapterError?: { cause?: { kind?: string; code?: string; originalCode?: string } } } | undefined)?.driverAdapterError?.cause;
      if (cause?.kind && TRANSIENT_DRIVER_KIND.has(cause.kind)) return true;
      const state = cause?.originalCode ?? cause?.code;
      if (cause?.kind === "postgres" && state && TRANSIENT_SQLSTATE.test(state)) return true;
      return false;
    }
    if (e instanceof Prisma.PrismaClientInitializationError) return true; // cannot connect at start
    if (e instanceof Error) {
      const code = (e as { code?: unknown }).code;
      if (typeof code === "string" && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_SOCKET.has(code))) return true;
      if (code === undefined && CODELESS_PG.test(e.message)) return true;
      // AggregateError (a host with several addresses, all refused) holds the socket errors.
      if (e instanceof AggregateError && e.errors.some((x) => isTransientDbError(x))) return true;
    }
  }
  return false;
}
