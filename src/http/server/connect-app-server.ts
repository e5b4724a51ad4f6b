// The small HTTP server of a commercetools Connect event or job application: Connect sends it POSTs
// (Pub/Sub push, or the job's schedule) at `/` and at the application's endpoint, and probes it.
// Everything else is the service application's (bridge-server.ts).
import Fastify, { type FastifyInstance } from 'fastify';

export interface ConnectAppAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface ConnectAppServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Serves `handle` at POST / and POST `endpoint`, and GET /health/live. */
export async function startConnectAppServer(endpoint: string, handle: (body: unknown, authorization: string | undefined) => Promise<ConnectAppAnswer>, port: number, host: string): Promise<ConnectAppServer> {
  const app: FastifyInstance = Fastify({ logger: false, bodyLimit: 1024 * 1024, return503OnClosing: true, forceCloseConnections: 'idle' });
  const post = async (request: { body: unknown; headers: { authorization?: string } }, reply: { code(status: number): { send(body: unknown): unknown } }) => {
    const answer = await handle(request.body, request.headers.authorization);
    return reply.code(answer.status).send(answer.body);
  };
  app.post('/', post);
  if (endpoint !== '/') app.post(endpoint, post);
  app.get('/health/live', async () => ({ status: 'live' }));
  await app.listen({ port, host });
  const address = app.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => app.close(),
  };
}
