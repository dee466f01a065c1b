/**
 * A loopback HTTP server that answers one sample: its response at its path (the Auth ID placeholder
 * filled in, `/account/` and `/Account/` alike), whatever the query, as the SDKs' WireMock servers
 * do. Any other request gets a 404 that says so. Every request is recorded.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { caseFoldAccount, fillPath } from './samples';
import type { Sample } from './samples';

export interface RecordedRequest {
  method: string;
  /** The raw path as sent (percent-encoding kept). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** It matched the sample's method and path. */
  matched: boolean;
  /** It matched only with the account segment's casing folded (the client's casing differs from the sample's). */
  casingDiffers: boolean;
}

export class SampleServer {
  readonly requests: RecordedRequest[] = [];
  readonly #sample: Sample;
  readonly #server: Server;

  constructor(sample: Sample) {
    this.#sample = sample;
    this.#server = createServer((req, res) => this.#handle(req, res));
  }

  /** Starts listening on 127.0.0.1 and returns the base URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** The method and path the sample is served at, the Auth ID filled in. */
  get target(): { method: string; path: string } {
    const at = this.#sample.servedAt ?? this.#sample.request;
    return { method: at.method, path: fillPath(at.path, this.#sample.client) };
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://sample.invalid');
      const rawPath = (req.url ?? '/').split('?')[0];
      const target = this.target;
      const sameMethod = req.method === target.method;
      const exact = sameMethod && rawPath === target.path;
      const folded = sameMethod && caseFoldAccount(rawPath) === caseFoldAccount(target.path);
      this.requests.push({
        method: req.method ?? '',
        path: rawPath,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        matched: exact || folded,
        casingDiffers: !exact && folded,
      });
      if (exact || folded) this.#answer(res);
      else {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            error: `conformance server: the sample answers ${target.method} ${target.path}, not ${req.method} ${rawPath}`,
          }),
        );
      }
    });
  }

  #answer(res: ServerResponse): void {
    const { status, headers = {}, body, raw } = this.#sample.response;
    const out: Record<string, string> = { ...headers };
    let payload: string | undefined;
    if (body !== undefined) {
      payload = raw && typeof body === 'string' ? body : JSON.stringify(body);
      const hasType = Object.keys(out).some((k) => k.toLowerCase() === 'content-type');
      if (!hasType) out['Content-Type'] = raw ? 'text/plain; charset=utf-8' : 'application/json';
    }
    res.writeHead(status, out);
    res.end(payload);
  }
}
