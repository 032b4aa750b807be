// The onboarding and profile pages in the dashboard's language, chosen the dashboard's way (the
// switcher's jopay_lang cookie, else Accept-Language, else English): every label, heading, button
// and help text from lib/i18n/dashboard, with <html lang> from the merchant layout. English stays
// word for word what the Playwright specs look for.
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import MerchantLayout from "@/app/(merchant)/layout";
import OnboardingPage, { generateMetadata } from "@/app/(merchant)/merchant/onboarding/page";
import ProfilePage from "@/app/(merchant)/merchant/profile/page";
import { ONBOARDING_FIELD_LABELS, ONBOARDING_FIELDS } from "@/lib/auth/merchant/onboard";
import { en } from "@/lib/i18n/dashboard/en";
import type { Merchant } from "@/lib/generated/prisma/client";
import { call } from "../support/call-route";
import { makeOnboardedMerchant, makePartner } from "../support/fixtures";
import { merchantCookie } from "../support/sessions";
import { asBrowser, Browser } from "./request-scope";

vi.mock("next/headers", async () => (await import("./request-scope")).nextHeaders);
// The profile forms call useRouter(), which needs a mounted app router; rendering only needs a stub.
vi.mock("next/navigation", async (actual) => ({ ...(await actual<typeof import("next/navigation")>()), useRouter: () => ({ refresh() {}, replace() {}, push() {} }) }));

type Lang = { accept?: string; cookie?: string };

function withLang(b: Browser, lang: Lang): Browser {
  if (lang.accept) b.headers["accept-language"] = lang.accept;
  if (lang.cookie) b.cookies.set("jopay_lang", lang.cookie);
  return b;
}

const render = (b: Browser, page: () => Promise<React.ReactElement>) => asBrowser(b, async () => renderToStaticMarkup(await page()));
const onboarding = (b: Browser, token?: string) => render(b, () => OnboardingPage({ searchParams: Promise.resolve(token ? { token } : {}) }));
const layoutLang = async (b: Browser) => /<html lang="([a-z]+)"/.exec(await render(b, () => MerchantLayout({ children: null })))![1];

const ENGLISH: Lang = {};
const SPANISH_BY_BROWSER: Lang = { accept: "es-ES,es;q=0.9,en;q=0.5" };
const SPANISH_BY_CHOICE: Lang = { accept: "fr", cookie: "es" };

describe("onboarding page", () => {
  let token: string;
  beforeAll(async () => {
    const { liveKey } = await makePartner({ onboardingRequiredFields: ["business_name", "email", "country"] });
    const res = await call("POST", "/api/v1/merchants", { key: liveKey, body: { account_type: "business", business_name: "Panadería Sol" } });
    expect(res.status).toBe(201);
    token = new URL(res.body.onboarding_url as string).searchParams.get("token")!;
  });

  it("English by default, word for word", async () => {
    const b = withLang(new Browser(), ENGLISH);
    const html = await onboarding(b, token);
    for (const text of [
      "Set up crypto payments for Panadería Sol",
      "1. Your payout wallet",
      ">Connect wallet</button>",
      "Payments go straight to this wallet. JoPay never holds your funds or keys.",
      "2. Your details",
      ">Business name</span>",
      ">Email</span>",
      ">Country (2-letter code, e.g. NL)</span>",
      "I accept the JoPay merchant terms (version ",
      ">Sign and finish</button>",
    ])
      expect(html).toContain(text);
    expect(html).not.toContain('lang="');
    expect(await layoutLang(b)).toBe("en");
    expect((await asBrowser(b, () => generateMetadata())).title).toBe("Set up payments — JoPay");
  });

  it.each([
    ["Accept-Language es", SPANISH_BY_BROWSER],
    ["the switcher's choice es", SPANISH_BY_CHOICE],
  ])("in Spanish with %s", async (_what, lang) => {
    const b = withLang(new Browser(), lang);
    const html = await onboarding(b, token);
    for (const text of [
      "Configura los pagos en cripto para Panadería Sol",
      "1. Tu billetera de cobro",
      ">Conectar billetera</button>",
      "Los pagos llegan directamente a esta billetera.",
      "2. Tus datos",
      ">Nombre del negocio</span>",
      ">Correo electrónico</span>",
      ">País (código de 2 letras, p. ej. ES)</span>",
      "Acepto las condiciones para comercios de JoPay (versión ",
      ">Firmar y terminar</button>",
    ])
      expect(html).toContain(text);
    for (const text of ["Connect wallet", "Business name", "I accept", "Sign and finish", "Your details"]) expect(html).not.toContain(text);
    expect(await layoutLang(b)).toBe("es");
    expect((await asBrowser(b, () => generateMetadata())).title).toBe("Configurar pagos — JoPay");
  });

  it("a bad link's page, in English and in Spanish", async () => {
    const english = await onboarding(new Browser(), "not-a-token");
    expect(english).toContain("<h1 class=\"text-2xl font-semibold\">This link can’t be used</h1>");
    expect(english).toContain('Ask the platform that sent it for a new link. Already set up? <a class="underline" href="/merchant/sign-in">Sign in</a>.');
    const spanish = await onboarding(withLang(new Browser(), SPANISH_BY_BROWSER));
    expect(spanish).toContain(">Este enlace no se puede usar</h1>");
    expect(spanish).toContain('¿Ya te diste de alta? <a class="underline" href="/merchant/sign-in">Inicia sesión</a>.');
    expect(spanish).not.toContain("This link can’t be used");
  });

  it("the English field labels are the ones the server module names", () => {
    for (const f of ONBOARDING_FIELDS) expect(en[`onbField_${f}`]).toBe(ONBOARDING_FIELD_LABELS[f]);
  });
});

describe("profile page", () => {
  let m: Merchant;
  beforeAll(async () => {
    const { partner } = await makePartner();
    m = await makeOnboardedMerchant(partner.id);
  });
  const profile = async (lang: Lang) => {
    const b = withLang(new Browser(await merchantCookie(m.id, m.walletAddress!)), lang);
    return { html: await render(b, () => ProfilePage()), lang: await layoutLang(b) };
  };

  it("English by default, word for word", async () => {
    const { html, lang } = await profile(ENGLISH);
    for (const text of [
      '<h2 class="font-medium">Profile</h2>',
      ">Business name<input",
      ">Your name<input",
      ">Email<input",
      ">Country (2 letters)<input",
      ">Display currency (e.g. EUR)<input",
      ">Save</button>",
      '<h2 class="font-medium">Payout wallet</h2>',
      "Select the new account in your wallet, then sign with it to prove you control it.",
      ">Change payout wallet</button>",
      "Sign out",
    ])
      expect(html).toContain(text);
    expect(html).not.toContain('lang="');
    expect(lang).toBe("en");
  });

  it.each([
    ["Accept-Language es", SPANISH_BY_BROWSER],
    ["the switcher's choice es", SPANISH_BY_CHOICE],
  ])("in Spanish with %s", async (_what, language) => {
    const { html, lang } = await profile(language);
    for (const text of [
      '<h2 class="font-medium">Perfil</h2>',
      ">Nombre del negocio<input",
      ">Tu nombre<input",
      ">Correo electrónico<input",
      ">País (2 letras)<input",
      ">Moneda en pantalla (p. ej. EUR)<input",
      ">Guardar</button>",
      '<h2 class="font-medium">Billetera de cobro</h2>',
      "Selecciona la nueva cuenta en tu billetera",
      ">Cambiar la billetera de cobro</button>",
      "Cerrar sesión",
    ])
      expect(html).toContain(text);
    for (const text of ["Business name", "Your name", ">Save<", "Payout wallet", "Change payout wallet", "Sign out"]) expect(html).not.toContain(text);
    expect(lang).toBe("es");
  });
});
