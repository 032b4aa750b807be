// Demo data for `npm run dev` (idempotent): an admin, partner "demo" with a live and a test key,
// an onboarded merchant per mode whose wallet is a funded local account, and one open request.
// Plain keys and the admin password exist only in .data/demo.json (git-ignored, development only),
// because the database keeps nothing but hashes.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { hashKey } from "@/lib/api-keys/key-format";
import { db } from "@/lib/db";
import { completeOnboarding } from "@/lib/merchants/complete-onboarding";
import { createPartner } from "@/lib/partners/create-partner";
import { createRequest } from "@/lib/requests/create-request";
import { createUser } from "@/lib/users/create-user";

export interface DemoData {
  adminEmail: string;
  adminPassword: string;
  liveKey: string;
  testKey: string;
  merchantId: string;
  merchantWallet: string;
  requestId: string;
}

const ADMIN_EMAIL = "admin@jopay.local";

export async function seedDemo(opts: { dataDir: string; merchantWallet: string; testMerchantWallet?: string; appUrl: string }): Promise<DemoData> {
  const file = join(opts.dataDir, "demo.json");
  const saved: Partial<DemoData> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};

  // Admin
  let adminPassword = saved.adminPassword ?? "(set in an earlier run whose .data/demo.json is gone)";
  if (!(await db.user.findUnique({ where: { email: ADMIN_EMAIL } }))) {
    adminPassword = saved.adminPassword ?? randomBytes(12).toString("base64url");
    await createUser({ email: ADMIN_EMAIL, password: adminPassword, role: "admin", name: "Demo Admin" });
  }

  // Partner + keys (a saved key is reused only if the database still knows it)
  const partner =
    (await db.partner.findUnique({ where: { slug: "demo" } })) ??
    (await createPartner({ slug: "demo", name: "Demo Partner", currency: "EUR", brandPrimaryColor: "#4f46e5" }));
  const keyFor = async (mode: "live" | "test", savedKey?: string) => {
    if (savedKey && (await db.apiKey.findFirst({ where: { keyHash: hashKey(savedKey), partnerId: partner.id, revokedAt: null } }))) {
      return savedKey;
    }
    return (await createApiKey({ partnerId: partner.id, mode, name: `demo ${mode} key` })).key;
  };
  const liveKey = await keyFor("live", saved.liveKey);
  const testKey = await keyFor("test", saved.testKey);

  // Merchants: wallets are unique platform-wide, so live and test merchants get different accounts.
  const merchantFor = async (testMode: boolean, wallet: string) => {
    const existing = await db.merchant.findUnique({ where: { walletAddress: wallet.toLowerCase() } });
    if (existing) return existing;
    const shell = await db.merchant.create({
      data: {
        partnerId: partner.id,
        testMode,
        businessName: testMode ? "Demo Café (test)" : "Demo Café",
        displayName: "Dana",
        email: "dana@democafe.example",
        country: "NL",
        accountType: "business",
        displayCurrency: "EUR",
      },
    });
    return completeOnboarding({ merchantId: shell.id, walletAddress: wallet });
  };
  const merchant = await merchantFor(false, opts.merchantWallet);
  if (opts.testMerchantWallet) await merchantFor(true, opts.testMerchantWallet);

  // One open request to show on the pay page.
  const open = await db.paymentRequest.findFirst({
    where: { merchantId: merchant.id, status: { in: ["requested", "opened"] }, proofStatus: "none", expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
  });
  const requestId =
    open?.id ??
    (
      await createRequest(
        { partner, testMode: false, createdVia: "admin" },
        { merchant_id: merchant.id, fiat_amount_int: 1250, memo: "Demo: two coffees", expiry_minutes: 10080, metadata: { order_id: "DEMO-1" } },
      )
    ).request.id;

  const demo: DemoData = {
    adminEmail: ADMIN_EMAIL,
    adminPassword,
    liveKey,
    testKey,
    merchantId: merchant.id,
    merchantWallet: merchant.walletAddress ?? opts.merchantWallet,
    requestId,
  };
  writeFileSync(file, JSON.stringify(demo, null, 2), { mode: 0o600 });
  return demo;
}
