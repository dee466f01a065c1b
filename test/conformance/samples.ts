/**
 * The conformance samples (test/conformance/samples/*.json): request/response examples Vobiz
 * publishes (its SDKs' mock-server tests, its n8n nodes' mock server, its API reference), each with
 * what the client must make of it. Read from the source folder, not from out/: they are data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (this file runs compiled, from out/test/conformance). */
export const ROOT = resolve(__dirname, '..', '..', '..');
export const SAMPLES_DIR = join(ROOT, 'test', 'conformance', 'samples');
export const README = join(ROOT, 'test', 'conformance', 'README.md');

export type Method = 'GET' | 'POST' | 'DELETE';

/** Where a sample comes from: a file of a repository at a commit, or a page of the API reference. */
export interface SampleSource {
  repo?: string;
  path?: string;
  commit?: string;
  /** The test or mapping inside the file. */
  test?: string;
  url?: string;
  generation?: string;
  copy?: string;
  /** Other places with the same body. */
  sameIn?: Array<Record<string, string>>;
}

export interface SampleRequest {
  method: Method;
  /** The path as the source sends it (its casing, its placeholders). */
  path: string;
  query?: Record<string, string>;
  /** Header name → regular expression its value matches. */
  headers?: Record<string, string>;
  body?: unknown;
  note?: string;
}

export interface SampleResponse {
  status: number;
  headers?: Record<string, string>;
  /** A JSON value, sent as JSON; absent: no body. */
  body?: unknown;
  /** The body is a string sent verbatim, not JSON. */
  raw?: boolean;
}

export type CallName =
  | 'listNumbers'
  | 'listTrunks'
  | 'getTrunk'
  | 'whoAmI'
  | 'assignNumber'
  | 'unassignNumber'
  | 'attachApplication'
  | 'detachApplication';

export interface SampleClient {
  /** The Auth ID the client signs in with. */
  authId: string;
  /** A placeholder in the sample's path that stands for the Auth ID (`{auth_id}`). */
  authIdInPath?: string;
  call: CallName;
  args?: Record<string, string>;
}

/** Field name → expected value of a normalised object; `null` means the field is absent. */
export type Fields = Record<string, unknown>;

export interface ErrorExpectation {
  status: number;
  /** A regular expression the human message matches. */
  message: string;
  code?: string;
  requestId?: string;
}

export interface Expectation {
  succeeds?: true;
  error?: ErrorExpectation;
  /** The call fails as an answer the client cannot use (kind `bad-response`), with a message matching this. */
  badResponse?: string;
  count?: number;
  numbers?: Record<string, Fields>;
  trunks?: Record<string, Fields>;
  trunk?: Fields;
  account?: Fields;
}

export interface Sample {
  id: string;
  title: string;
  source: SampleSource;
  request: SampleRequest;
  /** Where the sample server answers instead of `request` (an error body replayed on an endpoint the client calls). */
  servedAt?: { method: Method; path: string };
  response: SampleResponse;
  client: SampleClient;
  expect: Expectation;
  /** `passes`, `does not apply: <reason>` or `does not pass yet: <what the client does wrong>`. */
  verdict: string;
  /** The file it was read from. */
  file: string;
}

export const VERDICT = /^(passes|does not apply: .+|does not pass yet: .+)$/s;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the parts the runner relies on; the rest is data. */
function toSample(raw: unknown, file: string, index: number): Sample {
  const where = `${file} #${index}`;
  if (!isObject(raw)) throw new Error(`${where}: not an object`);
  for (const key of ['id', 'title', 'verdict']) {
    if (typeof raw[key] !== 'string') throw new Error(`${where}: "${key}" is not a string`);
  }
  for (const key of ['source', 'request', 'response', 'client', 'expect']) {
    if (!isObject(raw[key])) throw new Error(`${where} (${String(raw.id)}): "${key}" is not an object`);
  }
  return { ...(raw as unknown as Omit<Sample, 'file'>), file };
}

/** Every sample of every file, in file order. */
export function loadSamples(): Sample[] {
  const files = readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.flatMap((file) => {
    const parsed = JSON.parse(readFileSync(join(SAMPLES_DIR, file), 'utf8')) as unknown;
    if (!Array.isArray(parsed)) throw new Error(`${file}: not an array of samples`);
    return (parsed as unknown[]).map((raw, i) => toSample(raw, file, i));
  });
}

/** A path with the Auth ID placeholder filled in. */
export function fillPath(path: string, client: SampleClient): string {
  return client.authIdInPath ? path.split(client.authIdInPath).join(encodeURIComponent(client.authId)) : path;
}

/** A path with the account segment's casing made one (`/account/` and `/Account/` both answer). */
export function caseFoldAccount(path: string): string {
  return path.replace(/^\/api\/v1\/account\//i, '/api/v1/Account/');
}
