// What `start` observes of each call without the adapters knowing about metrics: an SP-API client that
// counts calls by operation and outcome (commercetools calls are counted by its SDK client's fetch).
import type { Result } from '../domain/shared/result.js';
import { SpApiHttpClient, type SpApiAnswer, type SpApiRequest } from '../adapters/amazon/sp-api-http.js';

export type CallCounter = (operation: string, outcome: string) => void;

export class CountingSpApiHttpClient extends SpApiHttpClient {
  #count: CallCounter = () => {};

  countWith(count: CallCounter): this {
    this.#count = count;
    return this;
  }

  override async request<T>(request: SpApiRequest): Promise<Result<SpApiAnswer<T>>> {
    const result = await super.request<T>(request);
    this.#count(request.operation, result.ok ? 'ok' : result.error.code);
    return result;
  }
}
