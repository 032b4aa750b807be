// The wallet flows' errors as the merchant's forms show them: the wallet's own refusals in the page's
// language, an action's (already translated) refusal as it came, anything else as the fallback.
import { describe, expect, it } from "vitest";
import { dashboardMessagesFor } from "@/lib/i18n/dashboard-messages";
import { shownError, WalletProblem } from "@/components/merchant/wallet-problem";

describe("shownError", () => {
  const es = dashboardMessagesFor("es");
  const fr = dashboardMessagesFor("fr");

  it("no wallet, no account and a declined request in the page's language", () => {
    expect(shownError(new WalletProblem("err_noWallet"), es, es.onbFailed)).toBe(es.err_noWallet);
    expect(shownError(new WalletProblem("err_noAccount"), fr, fr.onbFailed)).toBe("Le portefeuille n’a partagé aucun compte.");
    const declined = Object.assign(new Error("User rejected the request."), { code: 4001 });
    expect(shownError(declined, es, es.onbFailed)).toBe("Rechazaste la solicitud en tu billetera.");
    expect(shownError(declined, fr, fr.onbFailed)).toBe("Vous avez refusé la demande dans votre portefeuille.");
  });

  it("an action's refusal as worded, and the fallback for what carries no text", () => {
    expect(shownError(new Error(es.sessionEnded), es, es.onbFailed)).toBe(es.sessionEnded);
    expect(shownError("boom", fr, fr.walletChangeFailed)).toBe(fr.walletChangeFailed);
    expect(shownError(new Error(""), fr, fr.signInFailed)).toBe("La connexion a échoué.");
  });
});
