"use client";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";

/**
 * Two panes with a draggable divider (mouse, touch and keyboard: arrow keys move it by 2 %).
 * The ratio is kept in localStorage under `storageKey`.
 */
export function Split({
  direction,
  first,
  second,
  initial = 0.5,
  min = 0.15,
  storageKey,
  className = "",
  label,
}: {
  direction: "horizontal" | "vertical";
  first: ReactNode;
  second: ReactNode;
  initial?: number;
  min?: number;
  storageKey?: string;
  className?: string;
  label: string;
}) {
  const [ratio, setRatio] = useState(initial);
  const box = useRef<HTMLDivElement>(null);
  const horizontal = direction === "horizontal";

  useEffect(() => {
    if (!storageKey) return;
    const saved = Number(localStorage.getItem(storageKey));
    // eslint-disable-next-line react-hooks/set-state-in-effect -- restore after hydration (localStorage is client-only)
    if (saved >= min && saved <= 1 - min) setRatio(saved);
  }, [storageKey, min]);

  const update = useCallback(
    (next: number) => {
      const clamped = Math.min(1 - min, Math.max(min, next));
      setRatio(clamped);
      if (storageKey) localStorage.setItem(storageKey, clamped.toFixed(3));
    },
    [min, storageKey],
  );

  function onPointerDown(e: React.PointerEvent<HTMLDivElement>) {
    e.preventDefault();
    const el = box.current;
    if (!el) return;
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const rect = el.getBoundingClientRect();
    const move = (ev: PointerEvent) => {
      update(horizontal ? (ev.clientX - rect.left) / rect.width : (ev.clientY - rect.top) / rect.height);
    };
    const up = () => {
      target.removeEventListener("pointermove", move);
      target.removeEventListener("pointerup", up);
      target.removeEventListener("pointercancel", up);
    };
    target.addEventListener("pointermove", move);
    target.addEventListener("pointerup", up);
    target.addEventListener("pointercancel", up);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLDivElement>) {
    const back = horizontal ? "ArrowLeft" : "ArrowUp";
    const forward = horizontal ? "ArrowRight" : "ArrowDown";
    if (e.key === back) update(ratio - 0.02);
    else if (e.key === forward) update(ratio + 0.02);
    else return;
    e.preventDefault();
  }

  const pct = `${(ratio * 100).toFixed(2)}%`;
  return (
    <div ref={box} className={`flex min-h-0 min-w-0 ${horizontal ? "flex-row" : "flex-col"} ${className}`}>
      <div className="min-h-0 min-w-0 overflow-hidden" style={{ flex: `0 0 calc(${pct} - 3px)` }}>
        {first}
      </div>
      <div
        role="separator"
        aria-orientation={horizontal ? "vertical" : "horizontal"}
        aria-label={label}
        aria-valuenow={Math.round(ratio * 100)}
        aria-valuemin={Math.round(min * 100)}
        aria-valuemax={Math.round((1 - min) * 100)}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onKeyDown={onKeyDown}
        className={`group flex shrink-0 touch-none items-center justify-center bg-border/60 hover:bg-accent/40 focus-visible:bg-accent/60 focus-visible:outline-none ${
          horizontal ? "w-1.5 cursor-col-resize" : "h-1.5 cursor-row-resize"
        }`}
      />
      <div className="min-h-0 min-w-0 flex-1 overflow-hidden">{second}</div>
    </div>
  );
}
