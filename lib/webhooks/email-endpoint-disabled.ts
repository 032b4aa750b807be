// Email about an endpoint JoPay disabled (410 Gone, or failing for 5 days — SPEC §7), to the
// partner's console members who can still sign in. Sent after the disabling transaction commits;
// the console notice written inside it is the record, this is the nudge. Never throws.
import { db } from "@/lib/db";
import { sendEmail, type SendEmailOptions, type SendEmailResult } from "@/lib/email/send-email";
import { log } from "@/lib/log";
import { appUrl } from "@/lib/urls";
import { displayUrl } from "./disable-endpoint";

export async function emailEndpointDisabled(endpointId: string, reason: string, options: SendEmailOptions = {}): Promise<SendEmailResult> {
  try {
    const endpoint = await db.webhookEndpoint.findUnique({
      where: { id: endpointId },
      select: { url: true, testMode: true, partner: { select: { id: true, name: true, users: { where: { disabled: false }, select: { email: true } } } } },
    });
    if (!endpoint) return { sent: false };
    const to = endpoint.partner.users.map((u) => u.email);
    if (to.length === 0) {
      log.info("disabled webhook endpoint: the partner has no console member to email; console notice only", { endpointId, partnerId: endpoint.partner.id });
      return { sent: false };
    }
    const mode = endpoint.testMode ? "test" : "live";
    const url = displayUrl(endpoint.url);
    return await sendEmail(
      {
        to,
        subject: `JoPay disabled your ${mode} webhook endpoint ${url}`,
        text: [
          `JoPay disabled the ${mode}-mode webhook endpoint ${url} of ${endpoint.partner.name} (id ${endpointId}).`,
          "",
          `Reason: ${reason}.`,
          "",
          "No events are sent to it until it is enabled again; the events that could not be delivered are marked failed and can be redelivered.",
          `Fix the receiver, enable the endpoint and redeliver the failed events in the partner console: ${appUrl("/partner/webhooks")}`,
        ].join("\n"),
      },
      options,
    );
  } catch (err) {
    log.error("disabled webhook endpoint: email not sent", { endpointId, error: err instanceof Error ? err.message : String(err) });
    return { sent: false };
  }
}
