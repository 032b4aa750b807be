// `npm run jopay -- <command> [--flags] [--json]` — operations CLI (SPEC §9). Works against
// DATABASE_URL, or the embedded default database in .data/ when it is unset.
// Exit codes: 0 done, 2 bad usage or input (with a one-line reason), 1 anything else.
import { disconnectDb } from "@/lib/db";
import { parseFlags, UsageError, usageOf } from "./cli/args";
import { commands } from "./cli/commands";
import { openDatabase } from "./embedded-db/open-database";

function help(): string {
  const lines = Object.entries(commands).map(([name, c]) => usageOf(`  ${name} — ${c.summary}`, c.flags));
  return `usage: npm run jopay -- <command> [options] [--json]\n\n${lines.join("\n\n")}`;
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  const rest = argv.filter((a) => a !== "--json");
  const [name, ...flagArgs] = rest;
  const fail = (code: number, message: string) => {
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
    else process.stderr.write(`jopay: ${message}\n`);
    return code;
  };
  if (!name || name === "help" || name === "--help") {
    process.stdout.write(`${help()}\n`);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) return fail(2, `unknown command "${name}" (run \`npm run jopay -- help\`)`);

  let flags;
  try {
    flags = parseFlags(flagArgs, command.flags);
  } catch (e) {
    return fail(2, `${name}: ${(e as Error).message}`);
  }

  const database = await openDatabase({ migrate: name !== "migrate" });
  try {
    const result = await command.run(flags, { databaseUrl: database.url });
    process.stdout.write(json ? `${JSON.stringify({ ok: true, ...(result.json as object) })}\n` : `${result.text}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) return fail(2, `${name}: ${e.message}`);
    return fail(1, `${name} failed: ${(e as Error).message}`);
  } finally {
    await disconnectDb();
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`jopay: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
