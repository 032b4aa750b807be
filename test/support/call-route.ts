// Calls the real Next.js route handlers in app/api in-process, routed by the same file-system
// convention Next uses (`[id]` segments), with a real Request. Integration tests use this for
// speed and for concurrency tests; e2e/ covers the same routes through `npm start`'s server.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { trustPeerHeader } from "@/lib/rate-limit/peer-header";

const APP_API = join(process.cwd(), "app", "api");

interface RouteFile {
  segments: string[];
  file: string;
}

let routes: RouteFile[] | undefined;

function scan(dir: string): RouteFile[] {
  const out: RouteFile[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...scan(p));
    else if (name === "route.ts") {
      const rel = relative(APP_API, dir);
      out.push({ segments: rel === "" ? [] : rel.split("/"), file: p });
    }
  }
  return out;
}

function match(path: string): { file: string; params: Record<string, string> } | null {
  routes ??= existsSync(APP_API) ? scan(APP_API) : [];
  const parts = path.replace(/^\/api\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  // Static segments win over dynamic ones, as in Next.
  const candidates = routes
    .filter((r) => r.segments.length === parts.length)
    .map((r) => {
      const params: Record<string, string> = {};
      let score = 0;
      for (let i = 0; i < parts.length; i++) {
        const seg = r.segments[i];
        const dyn = /^\[(.+)\]$/.exec(seg);
        if (dyn) params[dyn[1]] = parts[i];
        else if (seg === parts[i]) score++;
        else return null;
      }
      return { file: r.file, params, score };
    })
    .filter((x): x is { file: string; params: Record<string, string>; score: number } => x !== null)
    .sort((a, b) => b.score - a.score);
  return candidates[0] ?? null;
}

/**
 * Routes one Request to its route file's handler, as Next would (405 for a method the file does not
 * export, 404 for no route file). test/sdk's HTTP server serves the real handlers over a socket with it.
 */
export async function routeRequest(req: Request): Promise<Response> {
  const m = match(new URL(req.url).pathname);
  if (!m) return new Response(JSON.stringify({ ok: false, error: "not_found", message: "Not found." }), { status: 404, headers: { "content-type": "application/json" } });
  const mod = (await import(/* @vite-ignore */ m.file)) as Record<string, unknown>;
  const handler = mod[req.method] as ((req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) | undefined;
  if (!handler) return new Response(null, { status: 405 });
  return handler(req, { params: Promise.resolve(m.params) });
}

export interface CallOptions {
  key?: string;
  body?: unknown;
  /**
   * Raw body (for invalid JSON / size / media type tests); wins over `body`. A string gets
   * fetch's default Content-Type text/plain; bytes go without any Content-Type.
   */
  rawBody?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
}

export interface CallResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** `call("POST", "/api/v1/requests/create", { key, body })` → status, headers, parsed JSON body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies
export async function call<T = any>(method: string, pathWithQuery: string, opts: CallOptions = {}): Promise<CallResult<T>> {
  const url = new URL(pathWithQuery, "http://localhost:3000");
  const m = match(url.pathname);
  if (!m) throw new Error(`no route file for ${url.pathname}`);
  const mod = (await import(/* @vite-ignore */ m.file)) as Record<string, unknown>;
  const handler = mod[method] as ((req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) | undefined;
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  // call() stands where our server (server/web-server.ts) does: it stamps the socket's address,
  // 127.0.0.1 unless a test names its own. Next fills in X-Forwarded-For from it when there is none.
  trustPeerHeader();
  headers["x-jopay-peer"] ??= "127.0.0.1";
  headers["x-forwarded-for"] ??= headers["x-jopay-peer"];
  let body: string | Uint8Array<ArrayBuffer> | undefined = opts.rawBody;
  if (body === undefined && opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const req = new Request(url, { method, headers, body });
  if (!handler) {
    // Next answers 405 for a method a route file does not export.
    return { status: 405, headers: new Headers(), body: {} as T, text: "" };
  }
  const res = await handler(req, { params: Promise.resolve(m.params) });
  const text = await res.text();
  let parsed: unknown = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { raw: text };
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}
