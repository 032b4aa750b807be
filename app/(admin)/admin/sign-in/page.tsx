import { redirect } from "next/navigation";
import { currentConsoleSession } from "@/lib/auth/session/current-console-user";
import { homeFor } from "@/lib/auth/console/require";
import { SignInForm } from "@/components/partner/sign-in-form";

export const dynamic = "force-dynamic";

export default async function AdminSignIn() {
  const session = await currentConsoleSession();
  if (session) redirect(homeFor(session));
  return <SignInForm title="JoPay admin sign-in" />;
}
