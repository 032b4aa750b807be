// `npm start`: the JoPay web process. Next's documented custom server — its request handler behind
// our own node:http server (server/web-server.ts) — instead of `next start`, because only a server
// of ours sees each request's socket and can hand its address to the per-IP limits
// (lib/rate-limit/client-ip.ts). `npm run dev` runs it with --dev.
//
//   node --import tsx server/serve.ts [--dev] [-p PORT] [-H HOSTNAME]
//
// Port: -p, else PORT, else 3000. Hostname: -H, else HOSTNAME, else every interface (as `next
// start`). SIGTERM / SIGINT stop it gracefully: no new connections, in-flight requests finish (for
// up to STOP_GRACE_MS), Next closes, the process exits.
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { captureConsole } from "../lib/log-console";
import { createWebServer } from "./web-server";

const STOP_GRACE_MS = 20_000;

const { values } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string", short: "p" },
    hostname: { type: "string", short: "H" },
  },
});
const dev = values.dev === true;
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname || process.env.HOSTNAME || undefined;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`not a port: ${values.port ?? process.env.PORT}`);
  process.exit(2);
}

// What the `next` CLI sets before it starts a server; it must be in place before Next loads.
const env = process.env as Record<string, string | undefined>;
env.NODE_ENV ??= dev ? "development" : "production";
env.NEXT_RUNTIME = "nodejs";

// Production logs are JSON lines only (lib/log.ts): Next's console output is wrapped into them.
if (!dev) captureConsole();

const { default: next } = await import("next");
const app = next({ dev, dir: fileURLToPath(new URL("..", import.meta.url)), hostname, port });
await app.prepare();
// The consoles' nonce policy in production only: development's React refresh evaluates code.
const web = createWebServer(app.getRequestHandler(), { https: (process.env.APP_URL ?? "").startsWith("https://"), consoleCsp: !dev });

web.server.once("error", (err) => {
  console.error(`the web server could not listen on ${hostname ?? "*"}:${port}: ${err.message}`);
  process.exit(1);
});
web.server.listen(port, hostname, () => {
  const addr = web.server.address();
  const bound = typeof addr === "object" && addr ? addr.port : port;
  const host = !hostname || hostname === "0.0.0.0" ? "localhost" : hostname === "::" ? "[::1]" : hostname.includes(":") ? `[${hostname}]` : hostname;
  const url = `http://${host}:${bound}`;
  // As `next start` does: server actions that redirect fetch the target's RSC payload from here.
  env.__NEXT_PRIVATE_ORIGIN = url;
  console.log(`› JoPay web (${dev ? "development" : "production"}) listening on ${url}`);
});

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    // Ctrl-C in a terminal reaches the launcher and us both, and the launcher passes it on.
    if (stopping) return;
    stopping = true;
    console.log(`› JoPay web stopping (${signal})`);
    // Development keeps hot-reload sockets and half-compiled pages: no point waiting for them.
    void web
      .stop(dev ? 0 : STOP_GRACE_MS)
      .then(() => app.close())
      .finally(() => process.exit(0));
  });
}
