// The values operations' examples are written with. Each is a unique string, so the test walks
// (test/support/operation-walk.ts) can swap it for a real object's id or a reachable URL.
import type { Resource } from "./path-ids";

/** Example ids, one per resource (UUIDv7; events evt_ + 32 hex). */
export const EXAMPLE_IDS: Record<Resource, string> = {
  request: "0193b2c4-5d6e-7f80-9a1b-2c3d4e5f6a7b",
  merchant: "0193b2c4-1a2b-7c3d-8e4f-5a6b7c8d9e0f",
  webhook_endpoint: "0193b2c4-9f8e-7d6c-9b5a-4f3e2d1c0b9a",
  event: "evt_0193b2c47e6f7a8b9c0d1e2f3a4b5c6d",
  paid_request: "0193b2c4-6e7f-7a8b-9c0d-1e2f3a4b5c6d",
  refund: "0193b2c4-8a9b-7c0d-8e1f-2a3b4c5d6e7f",
};

/** A webhook endpoint URL in examples (a walk registers its own receiver instead). */
export const EXAMPLE_WEBHOOK_URL = "https://hooks.partner.example/jopay";

/** A payout wallet in examples (a walk puts a fresh address in its place: a wallet is one merchant's). */
export const EXAMPLE_WALLET = "0x5e1f00000000000000000000000000000000cafe";
