import type * as vscode from 'vscode';
import { redact } from '../api';
import type { RequestLogRecord } from '../api';
import type { SessionLog } from '../session/ports';

/** How many recent lines are kept in memory (for "token never logged" checks and diagnostics). */
const KEPT_LINES = 2000;

/**
 * The "Vobiz" log output channel. Every line goes through redaction of the known secrets, so a token
 * that reaches a message by accident is still never written.
 */
export class ExtensionLog implements SessionLog, vscode.Disposable {
  readonly #channel: vscode.LogOutputChannel;
  readonly #secrets = new Set<string>();
  readonly #recent: string[] = [];

  constructor(channel: vscode.LogOutputChannel) {
    this.#channel = channel;
  }

  get channel(): vscode.LogOutputChannel {
    return this.#channel;
  }

  /** Lines written in this session (already redacted), oldest first, at most the last 2000. */
  get recentLines(): readonly string[] {
    return this.#recent;
  }

  /** A value that must never be written (an auth token). */
  addSecret(secret: string): void {
    if (secret) this.#secrets.add(secret);
  }

  #clean(message: string): string {
    const text = redact(message, [...this.#secrets]);
    this.#recent.push(text);
    if (this.#recent.length > KEPT_LINES) this.#recent.splice(0, this.#recent.length - KEPT_LINES);
    return text;
  }

  info(message: string): void {
    this.#channel.info(this.#clean(message));
  }

  warn(message: string): void {
    this.#channel.warn(this.#clean(message));
  }

  error(message: string, err?: unknown): void {
    const detail = err instanceof Error ? `: ${err.message}` : typeof err === 'string' ? `: ${err}` : '';
    this.#channel.error(this.#clean(message + detail));
  }

  /** One line per HTTP attempt, from the API module's log hook. */
  request(r: RequestLogRecord): void {
    const parts = [`${r.method} ${r.path}`, r.status === undefined ? 'no answer' : String(r.status), `${r.durationMs} ms`];
    if (r.retry > 0) parts.push(`retry ${r.retry}`);
    if (r.requestId) parts.push(`request ${r.requestId}`);
    const line = parts.join(' · ') + (r.error ? ` — ${r.error}` : '');
    if (r.error) this.warn(line);
    else this.info(line);
  }

  show(): void {
    this.#channel.show(true);
  }

  dispose(): void {
    this.#channel.dispose();
  }
}
