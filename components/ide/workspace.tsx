"use client";
import { useLayoutEffect, useRef, type ReactNode } from "react";

/**
 * Full-bleed area under the header that fills the rest of the window (the page itself does
 * not scroll; its panes do). The height is measured, so a taller header (narrow window, long
 * names) never pushes the IDE below the fold.
 */
export function IdeWorkspace({ children }: { children: ReactNode }) {
  const el = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const fit = () => {
      const node = el.current;
      if (!node) return;
      const top = node.getBoundingClientRect().top + window.scrollY;
      node.style.height = `${Math.max(448, window.innerHeight - top - 8)}px`;
    };
    fit();
    window.addEventListener("resize", fit);
    const header = document.querySelector("header");
    const observer = header ? new ResizeObserver(fit) : null;
    if (header) observer?.observe(header);
    return () => {
      window.removeEventListener("resize", fit);
      observer?.disconnect();
    };
  }, []);
  return (
    <div ref={el} className="ide-workspace">
      {children}
    </div>
  );
}
