"use client";
// Tells the server the browser's time zone (a cookie read by preferences.ts), so "today" and the
// times on the dashboard are the merchant's local ones from the next page on. The page in front of
// the merchant is not reloaded for it (that could throw away what they are typing): until then its
// times say which zone they are in (UTC on a browser's very first visit).
import { useEffect } from "react";

export function TimeZoneCookie({ name }: { name: string }) {
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const sent = document.cookie.split("; ").find((c) => c.startsWith(`${name}=`))?.slice(name.length + 1);
    if (zone && sent !== zone) document.cookie = `${name}=${zone}; path=/; max-age=31536000; samesite=lax`;
  }, [name]);
  return null;
}
