// GET, POST /api/auth/* — next-auth's endpoints (csrf, session, callback/<provider>, signout).
/**
 * Security: public by nature. Sign-in through callback/console and callback/siwe runs the same
 * rules as our server actions (lib/auth/session/next-auth.ts: lockout, per-IP throttle, SIWE checks) and
 * needs next-auth's double-submit CSRF token; the session endpoint never extends a session.
 */
import { handlers } from "@/lib/auth/session/next-auth";

export const { GET, POST } = handlers;
