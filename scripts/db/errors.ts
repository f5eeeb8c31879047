// Expected failures (bad URL, database down, stale file) are DbToolError: the CLI prints message and
// hint on one or two lines, without a stack trace. Anything else is a bug and keeps its stack.
export class DbToolError extends Error {
  constructor(
    message: string,
    /** What the user should do about it. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'DbToolError';
  }
}

/**
 * Engine errors carry a Rust span trace ("   0: sql_schema_connector::...") after the message and
 * refer to driver errors as "External error id#N" (the driver error itself stays in the adapter
 * factory's error registry). Keep the human part and splice the driver message in.
 */
export function cleanEngineMessage(message: string, externalError?: (id: number) => string | undefined): string {
  const lines: string[] = [];
  for (const line of message.split('\n')) {
    if (/^\s+\d+: /.test(line) || /^\s+(at|with) /.test(line)) break;
    lines.push(line);
  }
  let text = lines.join('\n').trim();
  if (externalError) {
    text = text.replace(/External error id#(\d+)/g, (m, id: string) => externalError(Number(id)) ?? m);
  }
  return text.replace(/\n{2,}/g, '\n');
}
