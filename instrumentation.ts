// Single-process mode (SPEC §3, the newcomer default): the web process also runs the worker loops.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (!/^(1|true|yes)$/.test(process.env.JOPAY_SINGLE_PROCESS ?? "")) return;
  const { startLoops } = await import("./worker/run-loops");
  const { allLoops } = await import("./worker/loops");
  startLoops(allLoops(), `web:${process.pid}`);
}
