// The ConsoleCtx a partner page reads with: the signed-in member (or the sign-in redirect) and the toggle.
import { partnerPageSession } from "@/lib/auth/session/current-console-user";
import type { ConsoleCtx } from "./context";
import { consoleTestMode } from "./mode";

export async function partnerPageCtx(): Promise<ConsoleCtx & { session: Awaited<ReturnType<typeof partnerPageSession>> }> {
  return { session: await partnerPageSession(), testMode: await consoleTestMode() };
}
