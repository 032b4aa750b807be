// Runs the real merchant server actions and server components in vitest, as one browser's request.
// Next provides `headers()`/`cookies()` from its request scope, which exists only inside a running
// Next server; a test file replaces the module with this one:
//
//   vi.mock("next/headers", async () => (await import("./request-scope")).nextHeaders);
//
// Everything else is real: next-auth's auth()/signIn()/signOut() read and write the session cookie
// through these functions exactly as in production, with our own next-auth configuration.
import { AsyncLocalStorage } from "node:async_hooks";
import { sessionCookie } from "@/lib/auth/session/session-token";

/** One browser: its cookies (updated by what the server sets), the host it talks to, other headers it sends. */
export class Browser {
  readonly cookies = new Map<string, string>();
  /** Sent with every request besides host and cookie, e.g. accept-language. */
  readonly headers: Record<string, string> = {};
  constructor(
    cookie: string | null = null,
    readonly host = "localhost:3000",
  ) {
    for (const pair of cookie ? cookie.split(/;\s*/) : []) {
      const i = pair.indexOf("=");
      if (i > 0) this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  get session(): string | null {
    return this.cookies.get(sessionCookie().name) ?? null;
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

const scope = new AsyncLocalStorage<Browser>();

/** Runs `fn` as a request from `browser` (a signed-out browser when none is given). */
export function asBrowser<T>(browser: Browser | null, fn: () => Promise<T>): Promise<T> {
  return scope.run(browser ?? new Browser(), fn);
}

function current(): Browser {
  const b = scope.getStore();
  if (!b) throw new Error("next/headers used outside asBrowser()");
  return b;
}

interface CookieOptions {
  maxAge?: number;
  expires?: Date | number;
}

export const nextHeaders = {
  async headers() {
    const b = current();
    const h = new Headers({ ...b.headers, host: b.host, "x-forwarded-proto": "http" });
    if (b.cookies.size) h.set("cookie", b.header());
    return h;
  },
  async cookies() {
    const b = current();
    return {
      get: (name: string) => (b.cookies.has(name) ? { name, value: b.cookies.get(name)! } : undefined),
      getAll: () => [...b.cookies].map(([name, value]) => ({ name, value })),
      has: (name: string) => b.cookies.has(name),
      set(name: string, value: string, opts: CookieOptions = {}) {
        const expired = opts.maxAge !== undefined ? opts.maxAge <= 0 : opts.expires !== undefined && new Date(opts.expires).getTime() <= Date.now();
        if (value === "" || expired) b.cookies.delete(name);
        else b.cookies.set(name, value);
      },
      delete: (name: string) => b.cookies.delete(name),
    };
  },
};

/** The digest Next puts on redirect()/notFound() errors, e.g. "NEXT_REDIRECT;replace;/merchant/sign-in;307;". */
export async function nextControlFlow(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (e) {
    const digest = (e as { digest?: unknown } | null)?.digest;
    if (typeof digest === "string") return digest;
    throw e;
  }
}
