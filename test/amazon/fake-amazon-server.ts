// A scriptable HTTP server on 127.0.0.1 that answers like LWA and SP-API do, so the client is tested
// over real HTTP (headers, bodies, timeouts, closed ports) rather than through a mocked fetch.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PriorityRateGovernor } from '../../src/engine/priority-rate-governor.js';
import { Secret } from '../../src/config/secret.js';
import type { SpApiClientOptions } from '../../src/adapters/amazon/sp-api-http.js';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** The raw query string, to check encoding. */
  readonly rawQuery: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface FakeAnswer {
  readonly status: number;
  /** Objects are sent as JSON; strings as they are. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** 'hang' never answers (a timeout); 'reset' drops the connection. */
export type FakeHandler = (request: RecordedRequest) => FakeAnswer | 'hang' | 'reset' | Promise<FakeAnswer | 'hang' | 'reset'>;

export const LWA_PATH = '/auth/o2/token';

export class FakeAmazonServer {
  readonly requests: RecordedRequest[] = [];
  readonly #routes = new Map<string, FakeHandler>();
  #server: Server;
  #tokenCounter = 0;
  url = '';

  private constructor() {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    // LWA by default: a fresh token each exchange, valid an hour.
    this.route('POST', LWA_PATH, () => {
      this.#tokenCounter += 1;
      return { status: 200, body: { access_token: `Atza|token-${this.#tokenCounter}`, token_type: 'bearer', expires_in: 3600, refresh_token: 'Atzr|unused' } };
    });
  }

  static async start(): Promise<FakeAmazonServer> {
    const fake = new FakeAmazonServer();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    const { port } = fake.#server.address() as AddressInfo;
    fake.url = `http://127.0.0.1:${port}`;
    return fake;
  }

  route(method: string, path: string, handler: FakeHandler): void {
    this.#routes.set(`${method} ${path}`, handler);
  }

  /** SP-API requests only (LWA exchanges left out). */
  get apiRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path !== LWA_PATH);
  }

  get lwaRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === LWA_PATH);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      rawQuery: url.search.replace(/^\?/, ''),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.requests.push(recorded);
    const handler = this.#routes.get(`${recorded.method} ${recorded.path}`);
    const answer = handler
      ? await handler(recorded)
      : { status: 404, body: { errors: [{ code: 'NotFound', message: 'Resource not found.' }] } };
    if (answer === 'hang') return;
    if (answer === 'reset') {
      req.socket.destroy();
      return;
    }
    const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      'content-type': 'application/json',
      'x-amzn-RequestId': `req-${this.requests.length}`,
      ...answer.headers,
    });
    res.end(body);
  }
}

/** Answers in order, repeating the last one. */
export function sequence(...answers: FakeAnswer[]): FakeHandler {
  let index = 0;
  return () => answers[Math.min(index++, answers.length - 1)]!;
}

/** Amazon's error envelope. */
export function amazonError(status: number, message: string, code = 'InvalidInput', details = ''): FakeAnswer {
  return { status, body: { errors: [{ code, message, details }] } };
}

/** Client options against the fake: a real governor with fast buckets so retries take milliseconds. */
export function clientOptions(fake: FakeAmazonServer, extra: Partial<SpApiClientOptions> = {}): SpApiClientOptions {
  return {
    endpoint: fake.url,
    lwa: {
      endpoint: `${fake.url}${LWA_PATH}`,
      clientId: 'amzn1.application-oa2-client.test',
      clientSecret: new Secret('client-secret-value'),
      refreshToken: new Secret('Atzr|refresh-token-value'),
    },
    governor: new PriorityRateGovernor({ limits: () => ({ ratePerSecond: 100, burst: 20 }) }),
    seller: 'seller-1',
    timeoutMs: 2_000,
    ...extra,
  };
}
