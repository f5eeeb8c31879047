const styles: Record<string, string> = {
  easy: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/40 dark:text-emerald-300",
  medium: "bg-amber-100 text-amber-800 dark:bg-amber-900/40 dark:text-amber-300",
  hard: "bg-rose-100 text-rose-800 dark:bg-rose-900/40 dark:text-rose-300",
};

export function DifficultyBadge({ difficulty }: { difficulty: string }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${styles[difficulty] ?? "bg-code"}`}>{difficulty}</span>
  );
}
