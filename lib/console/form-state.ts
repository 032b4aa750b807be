// What a console form action returns to its form, and how any thrown error becomes one: a message a
// person can act on, never a stack trace or a 500.
import { ZodError } from "zod";
import { isApiError } from "@/lib/errors";
import { isConsoleAuthError } from "@/lib/auth/console/require";
import { InviteError } from "@/lib/auth/console/invites";
import { SignInError } from "@/lib/auth/console/sign-in";
import { isTransientDbError } from "@/lib/db/transient-error";
import { log } from "@/lib/log";
import { PartnerSlugTaken } from "@/lib/partners/create-partner";

export interface FormState {
  ok: boolean;
  message?: string;
  error?: string;
  /** A value shown exactly once (API key, webhook secret, invite link). */
  secret?: string;
  secretLabel?: string;
}

/** A database restart or failover: nothing to fix on the form, just try again shortly. */
export const TEMPORARY_PROBLEM = "A temporary problem on our side: please try again in a few seconds.";

export function failure(err: unknown): FormState {
  if (isConsoleAuthError(err) || err instanceof SignInError || err instanceof InviteError || err instanceof PartnerSlugTaken) return { ok: false, error: err.message };
  if (isApiError(err)) {
    const details = (err.extra.details as { field: string; issue: string }[] | undefined) ?? [];
    return { ok: false, error: [err.message, ...details.map((d) => `${d.field}: ${d.issue}`)].join(" ") };
  }
  if (err instanceof ZodError) return { ok: false, error: err.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ") };
  if (isTransientDbError(err)) {
    log.error("console action: database unavailable", { err: err instanceof Error ? err.message : String(err) });
    return { ok: false, error: TEMPORARY_PROBLEM };
  }
  log.error("console action failed", { err: err instanceof Error ? err.message : String(err) });
  return { ok: false, error: "Something went wrong. Please try again." };
}

export const text = (fd: FormData, name: string) => {
  const v = fd.get(name);
  return typeof v === "string" ? v.trim() : "";
};
export const optional = (fd: FormData, name: string) => text(fd, name) || undefined;
export const list = (fd: FormData, name: string) => fd.getAll(name).filter((v): v is string => typeof v === "string" && v !== "");
export const intOrUndefined = (fd: FormData, name: string) => {
  const v = text(fd, name);
  return v === "" ? undefined : Number(v);
};
