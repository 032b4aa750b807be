// Where the console's live/test toggle lands: the page the member was on, so switching mode shows
// the same screen with the other mode's data. Only console paths are followed (the field comes from
// the form, so anything else goes to the overview), and a single object's page goes to its list:
// a request exists in one mode only, so its page would be a 404 in the other.

const CONSOLE = /^\/partner(?=$|[/?])/;
const OBJECT_PAGE = /^\/partner\/requests\/[^/?]+/;

export function modeToggleTarget(back: unknown): string {
  if (typeof back !== "string" || back.length > 2000 || !CONSOLE.test(back) || /[\\\s]/.test(back)) return "/partner";
  if (back.startsWith("/partner/sign-in") || back.startsWith("/partner/invite")) return "/partner";
  if (OBJECT_PAGE.test(back)) return "/partner/requests";
  return back;
}
