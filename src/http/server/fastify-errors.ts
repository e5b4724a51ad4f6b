// One shape for errors Fastify raises itself (bad JSON, body too large, schema validation, CSRF):
// { error: "<what is wrong and what to do>" }, the status Fastify chose, and nothing from the stack.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../ports/logger.js';

export function errorHandler(logger: Logger, bodyLimit: number) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      logger.error('http handler failed', { error, path: request.url });
      return reply.code(500).send({ error: 'internal error' });
    }
    let message = error.message;
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError) message = 'the request body is not valid JSON';
    else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') message = `body larger than ${bodyLimit} bytes`;
    else if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') message = 'refused: the form is stale or not from this console (CSRF check failed); reload the page and try again';
    else if (error.validation) message = `invalid request: ${error.message}`;
    return reply.code(status).send({ error: message });
  };
}
