// The operations CLI's commands (SPEC §9). Each calls the same domain functions as the app.
import { z } from "zod";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { CLI_ACTOR } from "@/lib/audit/record";
import { parseScopes } from "@/lib/api-keys/scopes";
import { db } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { completeOnboarding } from "@/lib/merchants/complete-onboarding";
import { createPartner, PartnerSlugTaken } from "@/lib/partners/create-partner";
import { createUser, UserEmailTaken } from "@/lib/users/create-user";
import { type FlagSpec, UsageError } from "./args";

export interface Command {
  summary: string;
  flags: FlagSpec;
  /** Returns the machine-readable result; `text` is what a human sees without --json. */
  run(flags: Record<string, string | boolean | undefined>, env: { databaseUrl: string }): Promise<{ json: unknown; text: string }>;
}

const str = (v: string | boolean | undefined) => (typeof v === "string" ? v : undefined);

/** Turns zod and domain errors into one clear line for the operator. */
function explain(err: unknown): never {
  if (err instanceof z.ZodError) {
    throw new UsageError(err.issues.map((i) => `--${i.path.map(String).join(".") || "input"}: ${i.message}`).join("; "));
  }
  if (err instanceof PartnerSlugTaken || err instanceof UserEmailTaken) throw new UsageError(err.message);
  throw err;
}

// Anvil's well-known development accounts (mnemonic "test test … junk"); local chain only.
const ANVIL_ACCOUNTS = [
  "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
  "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
  "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
  "0x90f79bf6eb2c4f870365e785982e1f101e93b906",
  "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65",
  "0x9965a59e7f8ea4f2f9d1a7ab2e9d94cd2f0d9b35",
  "0x976ea74026e726554db657fa54763abd0c3a0aa9",
  "0x14dc79964da2c08b23698b3d3cc7ca32193d9955",
  "0x23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f",
  "0xa0ee7a142d267c1f36714e4a8f75612f20a79720",
];

export const commands: Record<string, Command> = {
  migrate: {
    summary: "apply pending database migrations",
    flags: {},
    async run(_f, env) {
      const r = await migrate(env.databaseUrl);
      return { json: r, text: r.applied.length ? `applied: ${r.applied.join(", ")}` : `up to date (${r.alreadyApplied} migrations)` };
    },
  },

  "admin:create": {
    summary: "create a JoPay admin user",
    flags: { email: { required: true, help: "login email" }, password: { required: true, help: "at least 10 characters" } },
    async run(f) {
      const user = await createUser({ email: str(f.email)!, password: str(f.password)!, role: "admin" }).catch(explain);
      return { json: { id: user.id, email: user.email, role: user.role }, text: `admin ${user.email} created (${user.id})` };
    },
  },

  "partner:create": {
    summary: "provision a partner",
    flags: {
      slug: { required: true, help: "lower-case slug, used in <slug>.<domain>" },
      name: { required: true, help: "display name" },
      currency: { required: true, help: "ISO 4217 code, e.g. EUR" },
    },
    async run(f) {
      const p = await createPartner({ slug: str(f.slug)!, name: str(f.name)!, currency: str(f.currency)!.toUpperCase() }, { actor: CLI_ACTOR }).catch(explain);
      return { json: { id: p.id, slug: p.slug, name: p.name, currency: p.currency }, text: `partner ${p.slug} created (${p.id})` };
    },
  },

  "key:create": {
    summary: "create an API key (printed once)",
    flags: {
      partner: { required: true, help: "partner slug" },
      mode: { required: true, help: "live | test" },
      scopes: { help: "comma-separated scopes (default: all)" },
      name: { help: "label shown in the console" },
    },
    async run(f) {
      const mode = str(f.mode);
      if (mode !== "live" && mode !== "test") throw new UsageError(`--mode must be live or test, not "${mode}"`);
      let scopes;
      try {
        scopes = f.scopes ? parseScopes(str(f.scopes)!) : undefined;
      } catch (e) {
        throw new UsageError(`--scopes: ${(e as Error).message}`);
      }
      const partner = await db.partner.findUnique({ where: { slug: str(f.partner)! } });
      if (!partner) throw new UsageError(`no partner with slug "${str(f.partner)}"`);
      const { key, apiKey } = await createApiKey({ partnerId: partner.id, mode, scopes, name: str(f.name) });
      return {
        json: { id: apiKey.id, key, mode, scopes: apiKey.scopes, partner: partner.slug },
        text: `${key}\n(shown once — store it now; mode ${mode}, scopes ${apiKey.scopes.join(",")})`,
      };
    },
  },

  "merchant:onboard-dev": {
    summary: "development only: complete a merchant's onboarding with a local wallet",
    flags: {
      partner: { required: true, help: "partner slug" },
      merchant: { required: true, help: "merchant id" },
      wallet: { help: "0x address (default: the first unused local anvil account)" },
    },
    async run(f) {
      if (process.env.NODE_ENV === "production") throw new UsageError("merchant:onboard-dev is for development only");
      const partner = await db.partner.findUnique({ where: { slug: str(f.partner)! } });
      if (!partner) throw new UsageError(`no partner with slug "${str(f.partner)}"`);
      const id = str(f.merchant)!;
      if (!z.uuid().safeParse(id).success) throw new UsageError(`--merchant must be a merchant id (uuid)`);
      const merchant = await db.merchant.findFirst({ where: { id, partnerId: partner.id } });
      if (!merchant) throw new UsageError(`no merchant ${id} under partner ${partner.slug}`);
      let wallet = str(f.wallet)?.toLowerCase();
      if (wallet && !/^0x[0-9a-f]{40}$/.test(wallet)) throw new UsageError("--wallet must be 0x followed by 40 hex characters");
      if (!wallet) {
        const taken = new Set((await db.merchant.findMany({ where: { walletAddress: { in: ANVIL_ACCOUNTS } }, select: { walletAddress: true } })).map((m) => m.walletAddress));
        wallet = ANVIL_ACCOUNTS.slice(1).find((a) => !taken.has(a));
        if (!wallet) throw new UsageError("every local anvil account already belongs to a merchant; pass --wallet");
      }
      const done = await completeOnboarding({ merchantId: merchant.id, walletAddress: wallet }).catch((e) => {
        throw new UsageError((e as Error).message);
      });
      return { json: { merchant_id: done.id, wallet_address: done.walletAddress, onboarding_status: done.onboardingStatus }, text: `merchant ${done.id} onboarded with ${done.walletAddress}` };
    },
  },
};
