"use server";
// Console sign-in, sign-out, invite acceptance and the live/test toggle (shared by /partner and
// /admin). Thin: the rules live in lib/auth/console.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { acceptInvite } from "@/lib/auth/console/invites";
import { endSession } from "@/lib/auth/session/next-auth";
import { startConsoleSession } from "@/lib/auth/session/current-console-user";
import { failure, optional, text, type FormState } from "@/lib/console/form-state";
import { MODE_COOKIE } from "@/lib/console/mode";
import { modeToggleTarget } from "@/lib/console/mode-target";
import { config } from "@/lib/config";

export async function signInFormAction(_prev: FormState | null, fd: FormData): Promise<FormState> {
  let target: string;
  try {
    // Through next-auth's "console" provider: lockout, per-IP throttle and disabled checks apply.
    const user = await startConsoleSession(text(fd, "email"), String(fd.get("password") ?? ""));
    target = user.role === "admin" ? "/admin" : "/partner";
  } catch (err) {
    return failure(err);
  }
  redirect(target);
}

export async function signOutAction(): Promise<void> {
  await endSession();
  redirect("/partner/sign-in");
}

export async function acceptInviteFormAction(_prev: FormState | null, fd: FormData): Promise<FormState> {
  let target: string;
  try {
    const password = String(fd.get("password") ?? "");
    if (password !== String(fd.get("confirm") ?? "")) return { ok: false, error: "The passwords do not match." };
    const user = await acceptInvite({ token: text(fd, "token"), name: optional(fd, "name"), password });
    // Sign the new user in with the password they just chose, through the same provider.
    await startConsoleSession(user.email, password);
    target = user.role === "admin" ? "/admin" : "/partner";
  } catch (err) {
    return failure(err);
  }
  redirect(target);
}

export async function setModeAction(fd: FormData): Promise<void> {
  const mode = fd.get("mode") === "test" ? "test" : "live";
  (await cookies()).set(MODE_COOKIE, mode, { httpOnly: true, sameSite: "lax", secure: config().APP_URL.startsWith("https://"), path: "/" });
  redirect(modeToggleTarget(fd.get("back")));
}
