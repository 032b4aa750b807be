// Works around a wrong-results bug in @electric-sql/pglite-socket 0.2.17.
//
// All client connections share PGlite's single backend session. The socket server queues wire
// messages one by one and keeps one connection's messages together only while an explicit
// transaction is open (db.isInTransaction()). An extended-query pipeline
// (Parse/Bind/Describe/Execute … Sync, which is how `pg` sends every parameterised query) is
// not a transaction block. If it arrives in more than one TCP read (large parameters do), another
// connection's Parse can run in between and replace the shared unnamed statement, so the first
// client gets the other client's rows (measured: asked for 'AAAA', received 'BBBB').
//
// The queue already gives priority to the last connection while isInTransaction() is true, so we
// report "in transaction" from the first extended-protocol message until the Sync that ends it.
import type { PGlite } from "@electric-sql/pglite";

// Frontend messages that leave an extended-query pipeline open until Sync:
// Parse, Bind, Describe, Execute, Close, Flush.
const PIPELINE_CONTINUES = new Set(["P", "B", "D", "E", "C", "H"].map((c) => c.charCodeAt(0)));

export function pipelineAffinity(db: PGlite): PGlite {
  let pipelineOpen = false;

  const execProtocolRawStream: PGlite["execProtocolRawStream"] = async (message, options) => {
    try {
      await db.execProtocolRawStream(message, options);
    } finally {
      // Sync, a simple Query, Terminate or a startup packet all end the pipeline. COPY
      // sub-protocol messages are not covered: JoPay never uses COPY FROM STDIN.
      pipelineOpen = PIPELINE_CONTINUES.has(message[0] ?? 0);
    }
  };

  // The server calls exec("ROLLBACK") when a connection drops while it "is in a transaction";
  // that also discards a half-sent pipeline, so the queue can move on to other connections.
  const exec: PGlite["exec"] = (query, options) => {
    pipelineOpen = false;
    return db.exec(query, options);
  };

  const isInTransaction: PGlite["isInTransaction"] = () => pipelineOpen || db.isInTransaction();

  const overrides = new Map<PropertyKey, unknown>([
    ["execProtocolRawStream", execProtocolRawStream],
    ["exec", exec],
    ["isInTransaction", isInTransaction],
  ]);

  return new Proxy(db, {
    get(target, prop) {
      if (overrides.has(prop)) return overrides.get(prop);
      // PGlite uses #private fields, so its methods must run with the real instance as `this`.
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
