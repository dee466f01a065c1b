import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A small HTTP proxy for tests: relays CONNECT tunnels and absolute-form requests
 * (`GET http://host/path`), counting what it relays and which hosts it was asked for. Its host map
 * resolves names no DNS knows (`api.vobiz.test`, the TLS fake's name) to the address to connect to.
 */
export class TestProxy {
  /** CONNECT tunnels opened plus plain requests forwarded. */
  relayed = 0;
  /** The `host:port` of each tunnel or request relayed, as the client asked for it. */
  readonly targets: string[] = [];
  /** Hostnames the proxy connects to at another address: `api.vobiz.test` → `127.0.0.1`. */
  readonly hosts = new Map<string, string>();
  /** When set, answers 407 unless this `Proxy-Authorization` header is sent. */
  requireAuth: string | undefined;
  readonly #sockets = new Set<Socket>();
  #server: Server | undefined;

  get url(): string {
    const addr = this.#server?.address() as AddressInfo | undefined;
    if (!addr) throw new Error('the test proxy is not started');
    return `http://127.0.0.1:${addr.port}`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => this.#forward(req, res));
    server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => this.#tunnel(req, client, head));
    server.on('connection', (s: Socket) => {
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    return this;
  }

  #authorized(req: IncomingMessage): boolean {
    return this.requireAuth === undefined || req.headers['proxy-authorization'] === this.requireAuth;
  }

  #tunnel(req: IncomingMessage, client: Socket, head: Buffer): void {
    this.#sockets.add(client);
    if (!this.#authorized(req)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    this.relayed++;
    this.targets.push(req.url ?? '');
    const upstream = connect(Number(port), this.hosts.get(host) ?? host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    this.#sockets.add(upstream);
    upstream.on('close', () => this.#sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  }

  #forward(req: IncomingMessage, res: ServerResponse): void {
    if (!this.#authorized(req)) {
      res.writeHead(407).end();
      return;
    }
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute-form request expected');
      return;
    }
    this.relayed++;
    this.targets.push(target.host);
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = httpRequest(
      target,
      { method: req.method, headers, hostname: this.hosts.get(target.hostname) ?? target.hostname },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  }

  async stop(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }
}
