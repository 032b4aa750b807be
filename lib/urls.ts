// Public URLs JoPay hands out. The pay page and onboarding work on the bare app host (SPEC §1).
import { config } from "@/lib/config";

const base = () => config().APP_URL.replace(/\/+$/, "");

export const appUrl = (path = "/") => `${base()}${path}`;
export const payPageUrl = (requestId: string) => `${base()}/pay/${requestId}`;
export const onboardingUrl = (token: string) => `${base()}/merchant/onboarding?token=${encodeURIComponent(token)}`;
