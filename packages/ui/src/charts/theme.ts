/**
 * Chart colours come from the same CSS variables as everything else, read when a chart is
 * built; charts rebuild when the `dark` class on <html> changes (see `useThemeVersion`).
 */
import { useEffect, useState } from "react";

export function cssVar(name: string, fallback = "currentColor"): string {
  if (typeof document === "undefined") return fallback;
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

export function chartTheme() {
  return {
    series: [1, 2, 3, 4, 5].map((n) => cssVar(`--chart-${n}`)),
    band: cssVar("--chart-band"),
    grid: cssVar("--chart-grid"),
    axis: cssVar("--muted-foreground"),
    font: `12px ${getComputedStyle(document.body).fontFamily}`,
  };
}

/** Counts theme switches (class changes on <html>) so a canvas can redraw in the new colours. */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let dark = document.documentElement.classList.contains("dark");
    const observer = new MutationObserver(() => {
      const now = document.documentElement.classList.contains("dark");
      if (now !== dark) {
        dark = now;
        setVersion((v) => v + 1);
      }
    });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    return () => observer.disconnect();
  }, []);
  return version;
}
