// Demo data for `npm run dev` (idempotent): an admin, partner "demo" with a console user and a
// live and a test key, an onboarded merchant per mode whose wallet is a funded local account, and
// one request for the pay page — the same one on every run.
// Plain keys and passwords exist only in .data/demo.json (git-ignored, development only),
// because the database keeps nothing but hashes.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { hashKey } from "@/lib/api-keys/key-format";
import { db } from "@/lib/db";
import { completeOnboarding } from "@/lib/merchants/complete-onboarding";
import { CLI_ACTOR } from "@/lib/audit/record";
import { createPartner } from "@/lib/partners/create-partner";
import { createRequest } from "@/lib/requests/create-request";
import { createUser } from "@/lib/users/create-user";

export interface DemoData {
  adminEmail: string;
  adminPassword: string;
  /** A partner_member of partner "demo": signs in to the partner console. */
  partnerEmail: string;
  partnerPassword: string;
  liveKey: string;
  testKey: string;
  merchantId: string;
  merchantWallet: string;
  testMerchantId: string;
  testMerchantWallet: string;
  requestId: string;
}

const ADMIN_EMAIL = "admin@jopay.local";
const PARTNER_EMAIL = "partner@jopay.local";
// The demo request is created with this key, so every later run's create is a replay that returns
// it: the pay-page link stays the same (expired after its 7 days; delete .data/ for a fresh one).
const DEMO_REQUEST_KEY = "jopay-dev-demo-request-two-coffees";

/** A console user with a password the launcher can print: the saved one, or a new one. */
async function consoleUser(email: string, saved: string | undefined, user: { role: "admin" | "partner_member"; partnerId?: string; name: string }) {
  if (await db.user.findUnique({ where: { email } })) return saved ?? "(set in an earlier run whose .data/demo.json is gone)";
  const password = saved ?? randomBytes(12).toString("base64url");
  await createUser({ email, password, ...user });
  return password;
}

export async function seedDemo(opts: { dataDir: string; merchantWallet: string; testMerchantWallet: string; appUrl: string }): Promise<DemoData> {
  const file = join(opts.dataDir, "demo.json");
  const saved: Partial<DemoData> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};

  const adminPassword = await consoleUser(ADMIN_EMAIL, saved.adminPassword, { role: "admin", name: "Demo Admin" });

  // Partner, its console user and keys (a saved key is reused only if the database still knows it)
  const partner =
    (await db.partner.findUnique({ where: { slug: "demo" } })) ??
    (await createPartner({ slug: "demo", name: "Demo Partner", currency: "EUR", brandPrimaryColor: "#4f46e5" }, { actor: CLI_ACTOR }));
  const partnerPassword = await consoleUser(PARTNER_EMAIL, saved.partnerPassword, { role: "partner_member", partnerId: partner.id, name: "Demo Partner User" });
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
  const testMerchant = await merchantFor(true, opts.testMerchantWallet);

  const { request } = await createRequest(
    { partner, testMode: false, createdVia: "admin" },
    {
      merchant_id: merchant.id,
      fiat_amount_int: 1250,
      memo: "Demo: two coffees",
      expiry_minutes: 10080,
      metadata: { order_id: "DEMO-1" },
      idempotency_key: DEMO_REQUEST_KEY,
    },
  );

  const demo: DemoData = {
    adminEmail: ADMIN_EMAIL,
    adminPassword,
    partnerEmail: PARTNER_EMAIL,
    partnerPassword,
    liveKey,
    testKey,
    merchantId: merchant.id,
    merchantWallet: merchant.walletAddress ?? opts.merchantWallet,
    testMerchantId: testMerchant.id,
    testMerchantWallet: testMerchant.walletAddress ?? opts.testMerchantWallet,
    requestId: request.id,
  };
  writeFileSync(file, JSON.stringify(demo, null, 2), { mode: 0o600 });
  return demo;
}
