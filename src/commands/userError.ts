/** An error whose message is for the user as it is (bad argument, nothing to do). No vscode import. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** A value from an argument, shortened to quote it in a message (a caller's long text is not the message's). */
export function shortQuote(value: string, max = 40): string {
  const oneLine = value.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
