// Sign-out for stateless session tokens. A session token is an encrypted JWT that proves itself, so
// clearing the browser's cookie does not end a copy of it (a shared computer, a stolen cookie):
// signing out records the token's session id here, and every session read refuses a recorded id.
// The id (`sid`) is minted at sign-in and survives next-auth's re-encoding of the token, unlike its
// `jti`/`iat`; a row is only needed until the token's own expiry.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";

export const SESSION_ID_RE = /^[A-Za-z0-9_-]{22}$/;

/** 128 random bits, base64url: the id of one sign-in. */
export const newSessionId = () => randomBytes(16).toString("base64url");

/** Ends the session `sid` everywhere (idempotent); prunes rows whose tokens have expired anyway. */
export async function revokeSession(sid: string, expiresAt: Date): Promise<void> {
  await db.revokedSession.upsert({ where: { sid }, create: { sid, expiresAt }, update: {} });
  await db.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}

export async function isSessionRevoked(sid: string): Promise<boolean> {
  return (await db.revokedSession.findUnique({ where: { sid }, select: { sid: true } })) !== null;
}
