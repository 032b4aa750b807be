import { findOpenInvite } from "@/lib/auth/console/invites";
import { AcceptInviteForm } from "@/components/partner/accept-invite-form";

export const dynamic = "force-dynamic";

export default async function InvitePage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const token = (await searchParams).token ?? "";
  const invite = await findOpenInvite(token);
  if (!invite) {
    return <p className="mx-auto mt-16 max-w-sm rounded border border-slate-200 bg-white p-6">This invite link is invalid, was already used or has expired. Ask for a new one.</p>;
  }
  return <AcceptInviteForm token={token} email={invite.email} partnerName={invite.partner?.name ?? null} />;
}
