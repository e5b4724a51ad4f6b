// The bridge's own routes (event intake, health, metrics) as a plain table the Fastify server carries
// (server/bridge-routes-adapter.ts): each handler gets the parsed body and the URL and answers
// { status, body, contentType }, so the routes know nothing of the HTTP framework.
export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly contentType?: string;
}

export type Route = (request: { body: unknown; url: URL }) => Promise<HttpAnswer>;
/** Key: 'METHOD /path'. */
export type Routes = Record<string, Route>;
