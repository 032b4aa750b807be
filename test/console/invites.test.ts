// Invite links: single use, 7-day expiry, the invite (not the invitee) decides role and partner.
import { describe, expect, it } from "vitest";
import { acceptInvite, findOpenInvite, INVITE_TTL_MS, InviteError } from "@/lib/auth/console/invites";
import { signIn } from "@/lib/auth/console/sign-in";
import { MemoryStore } from "@/lib/rate-limit/counters";
import { invitePartnerUserAction } from "@/lib/console/actions/admin";
import { inviteTeammateAction } from "@/lib/console/actions/team";
import { db } from "@/lib/db";
import { makePartner, uniq } from "../support/fixtures";
import { makeUser, sessionFor } from "./support";

const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;

describe("invites", () => {
  it("an admin's invite creates a member of that partner, once", async () => {
    const { partner } = await makePartner();
    const admin = await sessionFor((await makeUser("admin")).id);
    const email = `${uniq("new")}@example.test`;
    const { url } = await invitePartnerUserAction({ session: admin }, { partnerId: partner.id, email });
    const token = tokenOf(url);
    expect(await db.invite.findFirst({ where: { tokenHash: token } })).toBeNull(); // only the hash is stored

    const user = await acceptInvite({ token, password: "a long enough password", name: "New Person" });
    expect(user).toMatchObject({ email, role: "partner_member", partnerId: partner.id });
    expect((await signIn({ email, password: "a long enough password", ip: uniq("ip"), store: new MemoryStore() })).id).toBe(user.id);

    await expect(acceptInvite({ token, password: "another long password" })).rejects.toBeInstanceOf(InviteError);
    expect(await db.user.count({ where: { email } })).toBe(1);
    const audit = await db.auditLog.findMany({ where: { partnerId: partner.id, action: { startsWith: "invite." } }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["invite.created", "invite.accepted"]);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("two concurrent accepts of one invite create one user", async () => {
    const { partner } = await makePartner();
    const admin = await sessionFor((await makeUser("admin")).id);
    const email = `${uniq("race")}@example.test`;
    const token = tokenOf((await invitePartnerUserAction({ session: admin }, { partnerId: partner.id, email })).url);
    const results = await Promise.allSettled([acceptInvite({ token, password: "password one 1" }), acceptInvite({ token, password: "password two 2" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  it("expires after 7 days", async () => {
    const { partner } = await makePartner();
    const member = await sessionFor((await makeUser("partner_member", partner.id)).id);
    const { url } = await inviteTeammateAction({ session: member, testMode: false }, { email: `${uniq("late")}@example.test` });
    const token = tokenOf(url);
    const later = new Date(Date.now() + INVITE_TTL_MS + 1000);
    expect(await findOpenInvite(token, later)).toBeNull();
    await expect(acceptInvite({ token, password: "a long enough password" }, later)).rejects.toBeInstanceOf(InviteError);
    expect(await findOpenInvite(token)).not.toBeNull();
  });

  it("a member's invite joins the member's own partner; garbage tokens are refused", async () => {
    const { partner } = await makePartner();
    const member = await sessionFor((await makeUser("partner_member", partner.id)).id);
    const email = `${uniq("mate")}@example.test`;
    const { url } = await inviteTeammateAction({ session: member, testMode: true }, { email });
    const user = await acceptInvite({ token: tokenOf(url), password: "a long enough password" });
    expect(user.partnerId).toBe(partner.id);
    await expect(acceptInvite({ token: "x".repeat(43), password: "a long enough password" })).rejects.toBeInstanceOf(InviteError);
  });

  it("refuses an invite for an email that already has an account, without consuming it", async () => {
    const { partner } = await makePartner();
    const existing = await makeUser("partner_member", partner.id);
    const admin = await sessionFor((await makeUser("admin")).id);
    const token = tokenOf((await invitePartnerUserAction({ session: admin }, { partnerId: partner.id, email: existing.email })).url);
    await expect(acceptInvite({ token, password: "a long enough password" })).rejects.toThrow(/already exists/);
    expect(await findOpenInvite(token)).not.toBeNull();
  });
});
