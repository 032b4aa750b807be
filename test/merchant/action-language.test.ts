// What the merchant's forms are told by the server actions, in the page's language (the switcher's
// jopay_lang cookie, else Accept-Language, else English — the pages' own choice): a field the
// Merchants/Requests API schema refuses, an ended session, a SIWE sign-in or wallet change that
// fails (wrong wallet, used nonce, a smart wallet's chain that cannot be asked), and an onboarding
// that cannot finish. Spanish comes from the browser, French from the switcher; the English texts
// stay what test/merchant/{profile,authorization,wallet-change-action}.test.ts already pin.
import { describe, expect, it, vi } from "vitest";
import type { PrivateKeyAccount } from "viem/accounts";
import {
  createPaymentLink,
  prepareOnboardingSignature,
  prepareSignIn,
  prepareWalletChange,
  saveProfile,
  submitOnboarding,
  submitSignIn,
  submitWalletChange,
} from "@/app/(merchant)/merchant/actions";
import { clearPublicClientCache } from "@/lib/chains/clients";
import { config, resetConfigForTests } from "@/lib/config";
import { db } from "@/lib/db";
import { CURRENT_TERMS_VERSION } from "@/lib/merchants/complete-onboarding";
import { call } from "../support/call-route";
import { makeOnboardedMerchant, makePartner } from "../support/fixtures";
import { merchantCookie } from "../support/sessions";
import { asBrowser, Browser } from "./request-scope";
import { freshAccount } from "./siwe-support";

vi.mock("next/headers", async () => (await import("./request-scope")).nextHeaders);

type Lang = "es" | "fr";

/** Spanish as the browser's language; French picked in the switcher over a Spanish browser. */
function browserIn(lang: Lang, cookie: string | null = null): Browser {
  const b = new Browser(cookie);
  if (lang === "es") b.headers["accept-language"] = "es-ES,es;q=0.9,en;q=0.5";
  else {
    b.headers["accept-language"] = "es";
    b.cookies.set("jopay_lang", "fr");
  }
  return b;
}

async function signedInMerchant(lang: Lang) {
  const { partner } = await makePartner();
  const wallet = freshAccount();
  const merchant = await makeOnboardedMerchant(partner.id, { wallet: wallet.address.toLowerCase(), accountType: "business" });
  return { merchant, wallet, browser: browserIn(lang, await merchantCookie(merchant.id, wallet.address)) };
}

async function onboardingLink(requiredFields: string[] = []) {
  const { liveKey } = await makePartner({ onboardingRequiredFields: requiredFields });
  const res = await call("POST", "/api/v1/merchants", { key: liveKey, body: { account_type: "business" } });
  expect(res.status).toBe(201);
  return new URL(res.body.onboarding_url as string).searchParams.get("token")!;
}

/** What the onboarding form does: ask for the message, have `signer` sign it, submit. */
async function onboard(b: Browser, token: string, connected: PrivateKeyAccount, o: { signer?: PrivateKeyAccount; terms?: boolean; fields?: Record<string, string> } = {}) {
  const prepared = await asBrowser(b, () => prepareOnboardingSignature(token, connected.address, 31337));
  if (!prepared.ok) return prepared;
  const signature = await (o.signer ?? connected).signMessage({ message: prepared.message });
  return asBrowser(b, () =>
    submitOnboarding({ token, message: prepared.message, signature, address: connected.address, termsAccepted: o.terms ?? true, termsVersion: CURRENT_TERMS_VERSION, fields: o.fields ?? {} }),
  );
}

/** What the sign-in button does, with the message signed by `signer`. */
async function signIn(b: Browser, connected: string, signer: PrivateKeyAccount, chainId = 31337) {
  const prepared = await asBrowser(b, () => prepareSignIn(connected, chainId));
  if (!prepared.ok) return { prepared, result: prepared };
  const signature = await signer.signMessage({ message: prepared.message });
  return { prepared, result: await asBrowser(b, () => submitSignIn(prepared.message, signature, connected)) };
}

const TEXT = {
  es: {
    fixFields: "Corrige los campos marcados.",
    email: "Debe ser una dirección de correo electrónico.",
    tooLong120: "Como máximo 120 caracteres.",
    country: "Deben ser dos letras mayúsculas (un código ISO 3166-1, p. ej. ES).",
    currency: /^Moneda no admitida\. Usa una de .*EUR/,
    required: "Obligatorio.",
    amountInvalid: "Escribe un importe como 12,50.",
    amountTooLarge: "Este importe es demasiado alto.",
    accountDisabled: "Esta cuenta está desactivada: puedes ver tu historial, pero no crear nuevas solicitudes de pago.",
    sessionEnded: "Tu sesión ha terminado. Vuelve a iniciar sesión.",
    invalidAccount: "La billetera devolvió una cuenta no válida.",
    notSigner: "La firma no proviene de la billetera del mensaje.",
    nonce: "Esta solicitud de inicio de sesión ya se usó o ha caducado; vuelve a firmar.",
    noMerchant: "Ningún comercio de JoPay usa esta billetera. Primero completa el alta desde el enlace de tu plataforma.",
    unverifiable: "No pudimos comprobar la firma de tu billetera en este momento. Vuelve a intentarlo en un momento.",
    walletUnchanged: "Esta ya es tu billetera de cobro.",
    walletTaken: "Otro comercio de JoPay ya usa esta billetera. Conecta otra billetera.",
    linkInvalid: "Este enlace de alta no es válido, ya se usó o ha caducado.",
    terms: "Acepta las condiciones vigentes para comercios de JoPay.",
  },
  fr: {
    fixFields: "Corrigez les champs signalés.",
    email: "Doit être une adresse e-mail.",
    tooLong120: "120 caractères au maximum.",
    country: "Doit être deux lettres majuscules (un code ISO 3166-1, p. ex. FR).",
    currency: /^Devise non prise en charge\. Utilisez l’une de .*EUR/,
    required: "Obligatoire.",
    amountInvalid: "Saisissez un montant comme 12,50.",
    amountTooLarge: "Ce montant est trop élevé.",
    accountDisabled: "Ce compte est désactivé : vous voyez votre historique, mais ne pouvez pas créer de nouvelles demandes de paiement.",
    sessionEnded: "Votre session a pris fin. Reconnectez-vous.",
    invalidAccount: "Le portefeuille a renvoyé un compte invalide.",
    notSigner: "La signature ne provient pas du portefeuille du message.",
    nonce: "Cette demande de connexion a déjà servi ou a expiré ; signez à nouveau.",
    noMerchant: "Aucun commerçant JoPay n’utilise ce portefeuille. Terminez d’abord l’inscription depuis le lien de votre plateforme.",
    unverifiable: "Nous n’avons pas pu vérifier la signature de votre portefeuille pour l’instant. Réessayez dans un instant.",
    walletUnchanged: "C’est déjà votre portefeuille de versement.",
    walletTaken: "Ce portefeuille est déjà utilisé par un autre commerçant JoPay. Connectez un autre portefeuille.",
    linkInvalid: "Ce lien d’inscription est invalide, a déjà servi ou a expiré.",
    terms: "Acceptez les conditions en vigueur pour les commerçants JoPay.",
  },
} as const;

const LANGS: Lang[] = ["es", "fr"];

function restoreEnv(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

describe("form validation", () => {
  it.each(LANGS)("profile fields the Merchants API schema refuses, in %s", async (lang) => {
    const t = TEXT[lang];
    const { browser } = await signedInMerchant(lang);
    const r = await asBrowser(browser, () => saveProfile({ business_name: "x".repeat(121), email: "not-an-email", country: "Germany", display_currency: "XYZ" }));
    expect(r).toMatchObject({ ok: false, error: t.fixFields });
    const fieldErrors = (r as { fieldErrors: Record<string, string> }).fieldErrors;
    expect(Object.keys(fieldErrors).sort()).toEqual(["business_name", "country", "display_currency", "email"]);
    expect(fieldErrors).toMatchObject({ business_name: t.tooLong120, email: t.email, country: t.country });
    expect(fieldErrors.display_currency).toMatch(t.currency);
  });

  it.each(LANGS)("the new payment link / POS form: amount and customer fields, a disabled account, in %s", async (lang) => {
    const t = TEXT[lang];
    const { merchant, browser } = await signedInMerchant(lang);
    expect(await asBrowser(browser, () => createPaymentLink({ amount: "twelve", mode: "pos" }))).toEqual({ ok: false, error: t.amountInvalid, fieldErrors: { amount: t.amountInvalid } });
    // Past the Requests API's largest amount (2^31 − 1 cents): said beside the amount field.
    expect(await asBrowser(browser, () => createPaymentLink({ amount: "30000000", mode: "pos" }))).toEqual({ ok: false, error: t.fixFields, fieldErrors: { amount: t.amountTooLarge } });
    const invoice = await asBrowser(browser, () => createPaymentLink({ amount: "12.50", mode: "invoice", customerEmail: "nobody-at-example" }));
    expect(invoice).toEqual({ ok: false, error: t.fixFields, fieldErrors: { customer_name: t.required, customer_email: t.email } });
    // The Requests API's merchant_disabled, in the merchant's words.
    await db.merchant.update({ where: { id: merchant.id }, data: { disabled: true } });
    expect(await asBrowser(browser, () => createPaymentLink({ amount: "12.50", mode: "pos" }))).toEqual({ ok: false, error: t.accountDisabled });
  });

  it.each(LANGS)("onboarding: required and malformed fields, in %s", async (lang) => {
    const t = TEXT[lang];
    const token = await onboardingLink(["business_name", "email"]);
    const r = await onboard(browserIn(lang), token, freshAccount(), { fields: { email: "not-an-email" } });
    expect(r).toEqual({ ok: false, error: t.fixFields, fieldErrors: { business_name: t.required, email: t.email } });
  });
});

describe("session ended", () => {
  it.each(LANGS)("every signed-in action, signed out, in %s", async (lang) => {
    const t = TEXT[lang];
    const signedOut = { ok: false, error: t.sessionEnded };
    const b = browserIn(lang);
    expect(await asBrowser(b, () => createPaymentLink({ amount: "5.00", mode: "pos" }))).toEqual(signedOut);
    expect(await asBrowser(b, () => saveProfile({ business_name: "Shop" }))).toEqual(signedOut);
    const next = freshAccount();
    expect(await asBrowser(b, () => prepareWalletChange(next.address, 31337))).toEqual(signedOut);
    expect(await asBrowser(b, () => submitWalletChange("message", "0x00", next.address))).toEqual(signedOut);
  });
});

describe("SIWE failures", () => {
  it.each(LANGS)("sign-in: a bad account, the wrong wallet, a used nonce and a wallet no merchant uses, in %s", async (lang) => {
    const t = TEXT[lang];
    const { partner } = await makePartner();
    const wallet = freshAccount();
    await makeOnboardedMerchant(partner.id, { wallet: wallet.address.toLowerCase() });
    const b = browserIn(lang);

    expect(await asBrowser(b, () => prepareSignIn("0x123", 31337))).toEqual({ ok: false, error: t.invalidAccount });
    expect((await signIn(b, wallet.address, freshAccount())).result).toEqual({ ok: false, error: t.notSigner });

    const { prepared, result } = await signIn(b, wallet.address, wallet);
    expect(result).toEqual({ ok: true });
    const message = (prepared as { message: string }).message;
    const replayed = await asBrowser(browserIn(lang), async () => submitSignIn(message, await wallet.signMessage({ message }), wallet.address));
    expect(replayed).toEqual({ ok: false, error: t.nonce });

    const stranger = freshAccount();
    expect((await signIn(browserIn(lang), stranger.address, stranger)).result).toEqual({ ok: false, error: t.noMerchant });
  });

  it.each(LANGS)("sign-in with a smart wallet whose chain cannot be asked is 'try again', in %s", async (lang) => {
    const t = TEXT[lang];
    const env = { live: process.env.LIVE_RPC_URL, test: process.env.TEST_RPC_URL };
    // A signature that does not recover to the address is asked of the wallet's contract on the
    // message's chain (a JoPay chain), whose RPC is now a closed port: nothing says it is wrong.
    const chainId = config().LIVE_CHAIN_ID;
    process.env.LIVE_RPC_URL = "http://127.0.0.1:9";
    process.env.TEST_RPC_URL = "http://127.0.0.1:9";
    resetConfigForTests();
    clearPublicClientCache();
    try {
      const contractWallet = freshAccount();
      expect((await signIn(browserIn(lang), contractWallet.address, freshAccount(), chainId)).result).toEqual({ ok: false, error: t.unverifiable });
    } finally {
      restoreEnv("LIVE_RPC_URL", env.live);
      restoreEnv("TEST_RPC_URL", env.test);
      resetConfigForTests();
      clearPublicClientCache();
    }
  });

  it.each(LANGS)("payout-wallet change: the wrong signer and the wallet already set, in %s", async (lang) => {
    const t = TEXT[lang];
    const { wallet, browser } = await signedInMerchant(lang);
    const next = freshAccount();
    const prepared = await asBrowser(browser, () => prepareWalletChange(next.address, 31337));
    if (!prepared.ok) throw new Error(prepared.error);
    const forged = await freshAccount().signMessage({ message: prepared.message });
    expect(await asBrowser(browser, () => submitWalletChange(prepared.message, forged, next.address))).toEqual({ ok: false, error: t.notSigner });

    const same = await asBrowser(browser, () => prepareWalletChange(wallet.address, 31337));
    if (!same.ok) throw new Error(same.error);
    const signature = await wallet.signMessage({ message: same.message });
    expect(await asBrowser(browser, () => submitWalletChange(same.message, signature, wallet.address))).toEqual({ ok: false, error: t.walletUnchanged });
  });
});

describe("onboarding failures", () => {
  it.each(LANGS)("a bad link, the terms not accepted, the wrong signer and a wallet another merchant has, in %s", async (lang) => {
    const t = TEXT[lang];
    const b = browserIn(lang);
    expect(await asBrowser(b, () => prepareOnboardingSignature("not-a-token", freshAccount().address, 31337))).toEqual({ ok: false, error: t.linkInvalid });

    const token = await onboardingLink();
    const acct = freshAccount();
    expect(await onboard(b, token, acct, { terms: false })).toEqual({ ok: false, error: t.terms });
    expect(await onboard(b, token, acct, { signer: freshAccount() })).toEqual({ ok: false, error: t.notSigner });

    const { partner } = await makePartner();
    const taken = freshAccount();
    await makeOnboardedMerchant(partner.id, { wallet: taken.address.toLowerCase() });
    expect(await onboard(b, token, taken)).toEqual({ ok: false, error: t.walletTaken });
  });
});
