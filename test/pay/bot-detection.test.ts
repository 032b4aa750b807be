// Which requests count as a person viewing the pay page (lib/pay-page/mark-opened.ts).
import { describe, expect, it } from "vitest";
import { isHumanView, viewSignals } from "@/lib/pay-page/mark-opened";

const CHROME = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";
const SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

describe("isHumanView", () => {
  it.each([
    ["Chrome on Android", CHROME],
    ["Safari on iPhone", SAFARI],
    ["Firefox", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"],
    ["headless Chromium (e2e tests)", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36"],
  ])("counts %s", (_label, ua) => {
    expect(isHumanView({ method: "GET", userAgent: ua })).toBe(true);
  });

  it.each([
    ["Facebook", "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"],
    ["Slack", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"],
    ["Twitter", "Twitterbot/1.0"],
    ["WhatsApp", "WhatsApp/2.23.20.0 A"],
    ["Telegram", "TelegramBot (like TwitterBot)"],
    ["Discord", "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)"],
    ["LinkedIn", "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)"],
    ["Googlebot", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"],
    ["Bing", "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"],
    ["curl", "curl/8.5.0"],
    ["wget", "Wget/1.21"],
    ["python", "python-requests/2.31"],
    ["Node fetch", "node-fetch"],
    ["empty", ""],
  ])("does not count %s", (_label, ua) => {
    expect(isHumanView({ method: "GET", userAgent: ua })).toBe(false);
  });

  it("does not count a missing User-Agent, HEAD or POST", () => {
    expect(isHumanView({ method: "GET", userAgent: null })).toBe(false);
    expect(isHumanView({ method: "HEAD", userAgent: CHROME })).toBe(false);
    expect(isHumanView({ method: "POST", userAgent: CHROME })).toBe(false);
  });

  it("does not count prefetches and prerenders", () => {
    const h = (pairs: Record<string, string>) => new Headers({ "user-agent": CHROME, ...pairs });
    expect(isHumanView(viewSignals(h({ "next-router-prefetch": "1" }), "GET"))).toBe(false);
    expect(isHumanView(viewSignals(h({ purpose: "prefetch" }), "GET"))).toBe(false);
    expect(isHumanView(viewSignals(h({ "sec-purpose": "prefetch;prerender" }), "GET"))).toBe(false);
    expect(isHumanView(viewSignals(h({ "x-moz": "prefetch" }), "GET"))).toBe(false);
    expect(isHumanView(viewSignals(h({}), "GET"))).toBe(true);
    // No method known (proxy did not run): treated as GET.
    expect(isHumanView(viewSignals(h({}), null))).toBe(true);
  });
});
