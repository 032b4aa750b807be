// The SDK page's code samples, kept apart from the page so test/sdk/docs-snippets.test.ts can run
// the Python ones against JoPay's real API handlers and signer (no python3 package beyond the
// standard library, as the page promises).

export const NODE_CREATE = `
import { createHash } from "node:crypto";
import { JoPay, JoPayError } from "@jopay/node";

const jopay = new JoPay({ apiKey: process.env.JOPAY_KEY!, baseUrl: "https://<partner-slug>.jopay.app" });

// A test merchant, onboarded in one call (test keys only).
const shell = await jopay.merchants.create({ business_name: "Test Café" });
const merchant = await jopay.merchants.testOnboarding(shell.merchant_id, { wallet_address: "0x1111111111111111111111111111111111111111" });

try {
  const request = await jopay.requests.create(
    { merchant_id: merchant.merchant_id, fiat_amount_int: 2500, memo: "Order #1001", metadata: { order_id: "1001" } },
    // Optional (one is generated per call when omitted); derived from your order, your own retries are safe too.
    { idempotencyKey: createHash("sha256").update("order-1001").digest("hex") },
  );
  console.log(request.pay_page_url);
} catch (err) {
  if (err instanceof JoPayError) console.error(err.status, err.code, err.message, err.requestId);
  throw err;
}

// Every page of a list, fetched as the loop goes.
for await (const r of jopay.requests.list({ status: "requested", limit: 100 })) console.log(r.request_id);
`;

export const NODE_VERIFY = `
import { createServer } from "node:http";
import { verifyWebhook, WebhookVerificationError } from "@jopay/node";

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    try {
      // The raw bytes, as received: never JSON.parse then re-serialise before verifying.
      const event = verifyWebhook(Buffer.concat(chunks), req.headers, process.env.JOPAY_WEBHOOK_SECRET!);
      if (event.type === "payment.proof_verified") console.log("paid", event.data.request_id);
      res.writeHead(200).end();
    } catch (err) {
      res.writeHead(err instanceof WebhookVerificationError ? 400 : 500).end();
    }
  });
}).listen(8080);
`;

export const PYTHON_CREATE = `
import json
import secrets
import urllib.error
import urllib.request


def create_request(base_url, api_key, body, idempotency_key=None):
    req = urllib.request.Request(
        f"{base_url}/api/v1/requests/create",
        data=json.dumps(body).encode(),
        method="POST",
        headers={
            "Authorization": f"Bearer {api_key}",
            "Content-Type": "application/json",
            # 32 characters of base64url; reuse the same key when you retry this create.
            "Idempotency-Key": idempotency_key or secrets.token_urlsafe(24),
        },
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return json.load(res)
    except urllib.error.HTTPError as e:
        err = json.load(e)
        raise RuntimeError(f"{e.code} {err['error']}: {err['message']} (request {e.headers.get('X-Request-Id')})")
`;

export const PYTHON_VERIFY = `
import base64
import hashlib
import hmac
import json
import time


def verify_webhook(payload: bytes, headers, secret: str, tolerance: int = 300):
    """payload: the raw body; headers: a case-insensitive mapping (Flask, Django, aiohttp)."""
    msg_id, ts, sigs = headers.get("webhook-id"), headers.get("webhook-timestamp"), headers.get("webhook-signature")
    if not msg_id or not ts or not ts.isdigit() or not sigs:
        raise ValueError("missing webhook headers")
    if abs(time.time() - int(ts)) > tolerance:
        raise ValueError("webhook timestamp outside the 5-minute tolerance")
    key = base64.b64decode(secret.removeprefix("whsec_"))
    mac = hmac.new(key, f"{msg_id}.{ts}.".encode() + payload, hashlib.sha256).digest()
    expected = base64.b64encode(mac).decode()
    for sig in sigs.split(" "):
        version, _, value = sig.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return json.loads(payload)
    raise ValueError("no matching webhook signature")
`;

export const PHP_CREATE = `
<?php
function jopay_create_request(string $baseUrl, string $apiKey, array $body, ?string $idempotencyKey = null): array
{
    $ch = curl_init("$baseUrl/api/v1/requests/create");
    curl_setopt_array($ch, [
        CURLOPT_POST => true,
        CURLOPT_POSTFIELDS => json_encode($body),
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_TIMEOUT => 30,
        CURLOPT_HTTPHEADER => [
            "Authorization: Bearer $apiKey",
            'Content-Type: application/json',
            // 32 hex characters; reuse the same key when you retry this create.
            'Idempotency-Key: ' . ($idempotencyKey ?? bin2hex(random_bytes(16))),
        ],
    ]);
    $raw = curl_exec($ch);
    if ($raw === false) {
        throw new RuntimeException(curl_error($ch));
    }
    $status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
    $answer = json_decode($raw, true);
    if ($status >= 400) {
        throw new RuntimeException("$status {$answer['error']}: {$answer['message']}");
    }
    return $answer;
}
`;

export const PHP_VERIFY = `
<?php
// $payload = file_get_contents('php://input'); $headers = getallheaders();
function jopay_verify_webhook(string $payload, array $headers, string $secret, int $tolerance = 300): array
{
    $h = array_change_key_case($headers, CASE_LOWER);
    $id = $h['webhook-id'] ?? '';
    $ts = $h['webhook-timestamp'] ?? '';
    $sigs = $h['webhook-signature'] ?? '';
    if ($id === '' || !ctype_digit($ts) || $sigs === '') {
        throw new RuntimeException('missing webhook headers');
    }
    if (abs(time() - (int) $ts) > $tolerance) {
        throw new RuntimeException('webhook timestamp outside the 5-minute tolerance');
    }
    $key = base64_decode(preg_replace('/^whsec_/', '', $secret), true);
    $expected = base64_encode(hash_hmac('sha256', "$id.$ts.$payload", $key, true));
    foreach (explode(' ', $sigs) as $sig) {
        [$version, $value] = array_pad(explode(',', $sig, 2), 2, '');
        if ($version === 'v1' && hash_equals($expected, $value)) {
            return json_decode($payload, true);
        }
    }
    throw new RuntimeException('no matching webhook signature');
}
`;
