// A promise with a time budget, for calls to a dependency that may hang (Redis, an RPC node).
//
// The budget is decided only after the event loop has read its sockets once more (setImmediate
// runs after the poll phase): a process that was busy for longer than the budget — a loaded web
// instance, a worker mid-batch — still takes an answer that was waiting in the socket, instead of
// calling the dependency slow and acting on that (counting a rate-limit hit elsewhere, retrying a
// chain read that had answered).
export function withinBudget<T>(p: Promise<T>, ms: number, what = "the call"): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => setImmediate(() => reject(new Error(`${what} did not answer within ${ms} ms`))), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
