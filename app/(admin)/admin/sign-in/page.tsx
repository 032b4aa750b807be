import { redirect } from "next/navigation";
import { currentConsoleSession } from "@/lib/console-auth/current";
import { homeFor } from "@/lib/console-auth/require";
import { SignInForm } from "@/components/partner/sign-in-form";

export const dynamic = "force-dynamic";

export default async function AdminSignIn() {
  const session = await currentConsoleSession();
  if (session) redirect(homeFor(session));
  return <SignInForm title="JoPay admin sign-in" />;
}
