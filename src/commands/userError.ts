/** An error whose message is for the user as it is (bad argument, nothing to do). No vscode import. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
