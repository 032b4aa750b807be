// Rate limits count in fixed one-minute windows. A test that counts up to a limit must run inside
// one window, so it waits out the end of the current one when too close to it (a loaded 2-core
// machine can take many seconds for 60 requests).
export async function awayFromWindowEdge(windowMs = 60_000, marginMs = 25_000) {
  const into = Date.now() % windowMs;
  if (into > windowMs - marginMs) await new Promise((r) => setTimeout(r, windowMs - into + 50));
}
