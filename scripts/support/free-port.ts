// A free loopback port for a server we are about to start (anvil, a throwaway PostgreSQL,
// benchmark servers): bind port 0, read the port the OS chose, release it.
import net from "node:net";

/** Asks the OS for a free loopback port by binding port 0, then releases it. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port: 0, exclusive: true }, () => {
      const addr = server.address();
      if (addr === null || typeof addr === "string") {
        server.close();
        reject(new Error("could not determine a free port"));
        return;
      }
      server.close(() => resolve(addr.port));
    });
  });
}
