// Single-process mode (SPEC §3, the newcomer default): the web process also runs the worker loops.
// The Node-only code sits in worker/start-in-web.ts so the edge bundle never sees it.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await import("./worker/start-in-web");
  }
}
