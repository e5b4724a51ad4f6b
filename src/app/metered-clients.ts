// What `start` observes of each call without the adapters knowing about metrics: an SP-API client that
// counts calls by operation and outcome, and a dependency observer that also counts commercetools calls.
import type { Result } from '../domain/shared/result.js';
import { SpApiHttpClient, type SpApiAnswer, type SpApiRequest } from '../adapters/amazon/sp-api-http.js';
import type { DependencyObserver } from '../ports/dependency-health.js';

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

/** Tells `observer` and counts each outcome. */
export function countingObserver(observer: DependencyObserver, count: (outcome: string) => void): DependencyObserver {
  return {
    succeeded: () => { count('ok'); observer.succeeded(); },
    failed: (kind, message) => { count(kind); observer.failed(kind, message); },
  };
}
