import { describe, expect, it } from "vitest";
import { SUPPORTED_CURRENCIES } from "@/lib/fx/currencies";
import { currencyCode, forbiddenCharacterIssue, text } from "./common";

const CONTROL = (cp: number) => cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f);
const LINE_BREAK_OR_TAB = (cp: number) => cp === 0x09 || cp === 0x0a || cp === 0x0d;

describe("the text character rule", () => {
  it("refuses every C0 control, DEL and every C1 control on one line; keeps everything else up to U+00A0", () => {
    for (let cp = 0; cp <= 0xa0; cp++) {
      const issue = forbiddenCharacterIssue(`a${String.fromCodePoint(cp)}b`);
      expect(issue === null, `U+${cp.toString(16)}`).toBe(!CONTROL(cp));
    }
  });

  it("multi-line text also keeps tab, line feed and carriage return, and nothing more", () => {
    for (let cp = 0; cp <= 0xa0; cp++) {
      const issue = forbiddenCharacterIssue(`a${String.fromCodePoint(cp)}b`, { multiline: true });
      expect(issue === null, `U+${cp.toString(16)}`).toBe(!CONTROL(cp) || LINE_BREAK_OR_TAB(cp));
    }
  });

  it("refuses an unpaired surrogate, either half, and keeps a pair", () => {
    for (const s of ["\ud83d", "\ude00", "x\ud83dy", "\ude00\ud83d"]) expect(forbiddenCharacterIssue(s)).toMatch(/unpaired surrogate/);
    expect(forbiddenCharacterIssue("😀 東京 Zürich \u2028")).toBeNull();
  });

  it("names the first offending character and its index", () => {
    expect(forbiddenCharacterIssue("ab\u0000c\u0007")).toBe("must not contain control characters, line breaks or tabs (U+0000 at index 2)");
    expect(text(10).safeParse("x\u0085").error?.issues.map((i) => i.message)).toEqual(["must not contain control characters, line breaks or tabs (U+0085 at index 1)"]);
  });
});

describe("currencyCode", () => {
  it("accepts a supported code in any case and refuses an unknown one, listing every supported code", () => {
    expect(currencyCode.parse("eur")).toBe("EUR");
    const issue = currencyCode.safeParse("xyz").error!.issues[0].message;
    expect(issue).toBe(`unsupported currency XYZ; use one of ${SUPPORTED_CURRENCIES.join(", ")}`);
    expect(currencyCode.safeParse("EURO").error!.issues.map((i) => i.message)).toEqual(["must be an ISO 4217 code, e.g. EUR"]);
  });
});
