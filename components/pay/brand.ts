// Partner colours as CSS variables for the page (globals.css maps --brand-* into Tailwind), plus
// a readable text colour on the primary: a partner choosing a light brand colour must not leave
// white-on-yellow buttons (WCAG contrast).
import type { CSSProperties } from "react";

function luminance(hex: string): number {
  let h = hex.replace("#", "");
  if (h.length === 3 || h.length === 4) h = h.slice(0, 3).replace(/./g, (c) => c + c);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white, whichever contrasts more with `hex`. */
export function textOn(hex: string): string {
  const l = luminance(hex);
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? "#000000" : "#ffffff";
}

export function brandStyle(primary: string, accent: string): CSSProperties {
  return {
    "--brand-primary": primary,
    "--brand-accent": accent,
    "--brand-on-primary": textOn(primary),
    "--brand-on-accent": textOn(accent),
  } as CSSProperties;
}
