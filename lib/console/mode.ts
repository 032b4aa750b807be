// The console's live/test toggle: a plain cookie, because mode is a view choice within the member's
// own partner, not a permission (every query still goes through tenantWhere with the partner id).
import { cookies } from "next/headers";

export const MODE_COOKIE = "jopay_console_mode";

export async function consoleTestMode(): Promise<boolean> {
  return (await cookies()).get(MODE_COOKIE)?.value === "test";
}
