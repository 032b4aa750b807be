// Console users and sessions for the console tests, made through the real domain functions.
import { consoleSessionFromRequest } from "@/lib/auth/console/session";
import { createUser } from "@/lib/users/create-user";
import { uniq } from "../support/fixtures";
import { consoleCookie, requestWithCookie } from "../support/sessions";

export const PASSWORD = "correct horse battery";

export async function makeUser(role: "admin" | "partner_member", partnerId?: string) {
  return createUser({ email: `${uniq("u")}@example.test`, password: PASSWORD, role, partnerId });
}

/** The session the server would resolve from a freshly issued next-auth cookie for this user. */
export async function sessionFor(userId: string) {
  const s = await consoleSessionFromRequest(requestWithCookie(await consoleCookie(userId)));
  if (!s) throw new Error("user cannot hold a session");
  return s;
}
