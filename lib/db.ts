// The one Prisma client. Created on first use so that launchers (dev start, tests) can set
// DATABASE_URL before anything touches the database.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, Prisma } from "@/lib/generated/prisma/client";
import { config } from "@/lib/config";

export type Tx = Prisma.TransactionClient;
export { Prisma };

const holder = globalThis as unknown as { __jopayDb?: PrismaClient };

function create(): PrismaClient {
  const url = config().DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: start JoPay with `npm run dev` (embedded database) or set DATABASE_URL");
  }
  const adapter = new PrismaPg({ connectionString: url, max: config().DATABASE_POOL_SIZE });
  return new PrismaClient({ adapter });
}

export function getDb(): PrismaClient {
  holder.__jopayDb ??= create();
  return holder.__jopayDb;
}

/** Lazy handle: `db.merchant.findMany(...)` creates the client on first property access. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb();
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export async function disconnectDb() {
  if (holder.__jopayDb) {
    await holder.__jopayDb.$disconnect();
    holder.__jopayDb = undefined;
  }
}
