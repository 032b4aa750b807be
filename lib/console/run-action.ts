// The one runner of the partner console's and admin portal's server actions: the session is
// resolved on the server, the action runs, the area's pages are revalidated, and anything thrown
// becomes a message on the form (./form-state.ts failure), never a 500.
import { revalidatePath } from "next/cache";
import { failure, type FormState } from "./form-state";

export async function runConsoleAction<C>(area: "/partner" | "/admin", context: () => Promise<C>, fn: (c: C) => Promise<FormState>): Promise<FormState> {
  try {
    const state = await fn(await context());
    revalidatePath(area, "layout");
    return state;
  } catch (err) {
    return failure(err);
  }
}
