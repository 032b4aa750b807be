/**
 * The string with its last two characters replaced by two that differ from them, so a "tampered"
 * token is never, by chance, the original (a fixed replacement such as "AA" equals the real
 * ending once in 4,096 runs and turns a security test flaky).
 */
export function tamperTail(s: string): string {
  const swap = (c: string) => (c === "A" ? "B" : "A");
  return s.slice(0, -2) + swap(s.at(-2)!) + swap(s.at(-1)!);
}
