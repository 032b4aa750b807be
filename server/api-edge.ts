// The answers under /api that Next would give before any route of ours runs, given as the error
// table's JSON with an X-Request-Id instead (seeds: "Every request and response body is JSON"):
//  - a method outside HTTP's usual set (TRACE, PROPFIND, …): Next renders its HTML 500 → 405;
//  - a path that is not valid percent-encoding (`%ZZ`): Next's HTML 400 → JSON 400;
//  - a trailing slash (`/api/v1/requests/`): Next's text 308 redirect → JSON 404 naming the path;
//  - a request line or headers over Node's 16 KB limit, or unparseable HTTP: Node's empty 431/400
//    (answered from the clientError hook, before any request exists);
//  - CONNECT, which Node hands to a connect hook (or hangs up on): a JSON 405 on the socket.
// Unknown paths (`/api/v2/x`) reach app/api/[...path]/route.ts, and wrong methods on our routes
// their own 405 handlers (lib/api/allowed-methods.ts). Checked once per request before Next: a
// prefix test and, for /api paths, one decode — nothing else on the hot path.
import type { Socket } from "node:net";
import { ApiError, type ErrorCode } from "../lib/errors";
import { uuidv7 } from "../lib/ids";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export interface EdgeAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function answer(code: ErrorCode, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): EdgeAnswer {
  const err = new ApiError(code, message, extra, headers);
  const body = JSON.stringify(err.body());
  return {
    status: err.status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-length": String(Buffer.byteLength(body)),
      "cache-control": "no-store",
      "x-request-id": uuidv7(),
      ...err.headers,
    },
    body,
  };
}

/** The JSON answer JoPay gives itself for this request, or null to hand it to Next. */
export function apiEdgeAnswer(method: string | undefined, url: string | undefined): EdgeAnswer | null {
  const target = url ?? "/";
  if (!target.startsWith("/api/") && target !== "/api" && !target.startsWith("/api?")) return null;
  const path = target.split("?", 1)[0];
  if (path.startsWith("/api/auth/")) return null; // next-auth's own endpoints
  if (!METHODS.has((method ?? "").toUpperCase())) {
    return answer("method_not_allowed", `${method} is not an HTTP method this API serves.`, {}, { Allow: [...METHODS].join(", ") });
  }
  try {
    decodeURIComponent(path);
  } catch {
    return answer("validation_error", "The request path is not valid percent-encoding.", { details: [{ field: "(path)", issue: "must be valid UTF-8 percent-encoding" }] });
  }
  if (path.length > 1 && path.endsWith("/")) {
    return answer("not_found", `No such API path: API paths have no trailing slash (${path.replace(/\/+$/, "") || "/"}).`);
  }
  return null;
}

/**
 * Node's clientError hook: the request could not even be parsed (headers or URL too large, bad
 * HTTP). Answers JSON on the raw socket and closes it, as Node would with its bare status line.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || (err as { code?: string }).code === "ECONNRESET") return void socket.destroy();
  const tooLarge = err.code === "HPE_HEADER_OVERFLOW";
  const a = tooLarge
    ? answer("headers_too_large", "The request's URL and headers are larger than 16 KB.")
    : answer("validation_error", "The request is not valid HTTP/1.1.", { details: [{ field: "(request)", issue: err.code ?? "unparseable" }] });
  writeOnSocket(socket, a, tooLarge ? "Request Header Fields Too Large" : "Bad Request");
}

/**
 * Node's connect hook: a CONNECT request (a client taking this server for a proxy) never reaches
 * the request handler, and with no listener Node just hangs up. The 405 every other unserved
 * method gets, then close.
 */
export function answerConnect(_req: unknown, socket: Socket): void {
  if (!socket.writable) return void socket.destroy();
  writeOnSocket(socket, answer("method_not_allowed", "CONNECT is not an HTTP method this server serves.", {}, { Allow: [...METHODS].join(", ") }), "Method Not Allowed");
}

function writeOnSocket(socket: Socket, a: EdgeAnswer, statusText: string): void {
  const head = [`HTTP/1.1 ${a.status} ${statusText}`, ...Object.entries(a.headers).map(([k, v]) => `${k}: ${v}`)];
  socket.end(`${head.join("\r\n")}\r\nconnection: close\r\n\r\n${a.body}`);
}
