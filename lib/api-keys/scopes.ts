// API key scopes (SPEC §4). A key holds any subset; the default is all.
export const SCOPES = [
  "requests:read",
  "requests:write",
  "merchants:read",
  "merchants:write",
  "webhooks:read",
  "webhooks:write",
] as const;

export type Scope = (typeof SCOPES)[number];

export function isScope(s: string): s is Scope {
  return (SCOPES as readonly string[]).includes(s);
}

/** Parses "a,b" into scopes; throws naming the first unknown one. */
export function parseScopes(list: string): Scope[] {
  const items = list.split(",").map((s) => s.trim()).filter(Boolean);
  for (const s of items) if (!isScope(s)) throw new Error(`unknown scope "${s}" (known: ${SCOPES.join(", ")})`);
  return [...new Set(items)] as Scope[];
}
