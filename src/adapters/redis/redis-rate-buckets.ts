// Shared token buckets in Redis (REDIS_URL), for workers that would rather not add a write per SP-API
// call to PostgreSQL. Each call is one Lua script, so refill-and-take is atomic across workers; a hash
// per seller and operation holds the bucket. Time is the caller's clock in epoch ms, as in the database
// store; `updated` only moves forward, so a worker whose clock is behind never mints tokens.
import { Redis } from 'ioredis';
import type { BucketSpec, RateBucketStore, SharedBucketRow, TakeOutcome } from '../../ports/rate-buckets.js';
import type { RateKey } from '../../ports/rate-governor.js';

const PREFIX = 'fba-bridge:rate-bucket:';

// KEYS[1] bucket; ARGV: now, granted, rate, burst, mode ('take' | 'rate' | 'drain').
// Answers { granted (0/1), tokens after the call as a string, ms until a whole token }.
const SCRIPT = `
local now = tonumber(ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'granted', ARGV[2], 'rate', ARGV[3], 'burst', ARGV[4], 'tokens', ARGV[4], 'updated', ARGV[1], 'throttled', 0)
end
local b = redis.call('HMGET', KEYS[1], 'rate', 'burst', 'tokens', 'updated')
local rate, burst, tokens, updated = tonumber(b[1]), tonumber(b[2]), tonumber(b[3]), tonumber(b[4])
tokens = math.min(burst, tokens + math.max(0, now - updated) * rate / 1000)
updated = math.max(updated, now)
local mode = ARGV[5]
local granted = 0
if mode == 'take' then
  if tokens >= 0.999999999 then tokens = tokens - 1; granted = 1 end
elseif mode == 'rate' then
  rate = tonumber(ARGV[3])
  redis.call('HSET', KEYS[1], 'granted', ARGV[2], 'rate', ARGV[3])
elseif mode == 'drain' then
  tokens = 0
  redis.call('HINCRBY', KEYS[1], 'throttled', 1)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', updated)
local wait = 0
if granted == 0 and tokens < 0.999999999 then wait = math.max(1, math.ceil((1 - tokens) * 1000 / rate)) end
return { granted, tostring(tokens), wait }
`;

type ScriptAnswer = [number, string, number];

export class RedisRateBuckets implements RateBucketStore {
  readonly #redis: Redis;

  constructor(url: string) {
    // Fail a call rather than queue it forever while Redis is away: the governor asks again.
    this.#redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: true });
    this.#redis.defineCommand('fbaBucket', { numberOfKeys: 1, lua: SCRIPT });
  }

  async take(key: RateKey, spec: BucketSpec, now: number): Promise<TakeOutcome> {
    const [granted, tokens, wait] = await this.#call(key, spec, now, 'take');
    return { granted: granted === 1, waitMs: granted === 1 ? 0 : Math.max(1, wait), tokens: Number(tokens) };
  }

  async setRate(key: RateKey, spec: BucketSpec, now: number): Promise<void> {
    await this.#call(key, spec, now, 'rate');
  }

  async drain(key: RateKey, spec: BucketSpec, now: number): Promise<void> {
    await this.#call(key, spec, now, 'drain');
  }

  async list(now: number): Promise<SharedBucketRow[]> {
    const rows: SharedBucketRow[] = [];
    for await (const keys of this.#redis.scanStream({ match: `${PREFIX}*`, count: 100 }) as AsyncIterable<string[]>) {
      for (const redisKey of keys) {
        const h = await this.#redis.hgetall(redisKey);
        const [seller, operation] = redisKey.slice(PREFIX.length).split('\u0000');
        const elapsed = Math.max(0, now - Number(h.updated));
        rows.push({
          seller: seller ?? '', operation: operation ?? '', grantedPerSecond: Number(h.granted), burst: Number(h.burst),
          tokens: Math.round(Math.min(Number(h.burst), Number(h.tokens) + (elapsed * Number(h.rate)) / 1000) * 1000) / 1000,
          throttled: Number(h.throttled),
        });
      }
    }
    return rows.sort((a, b) => `${a.seller}${a.operation}`.localeCompare(`${b.seller}${b.operation}`));
  }

  async close(): Promise<void> {
    await this.#redis.quit().catch(() => this.#redis.disconnect());
  }

  /** Removes every bucket (tests and `setup --reset-rate-limits` only). */
  async clear(): Promise<void> {
    for await (const keys of this.#redis.scanStream({ match: `${PREFIX}*`, count: 100 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await this.#redis.del(...keys);
    }
  }

  #call(key: RateKey, spec: BucketSpec, now: number, mode: 'take' | 'rate' | 'drain'): Promise<ScriptAnswer> {
    const command = (this.#redis as unknown as { fbaBucket: (...args: Array<string | number>) => Promise<ScriptAnswer> }).fbaBucket;
    return command.call(this.#redis, `${PREFIX}${key.seller}\u0000${key.operation}`, now, spec.grantedPerSecond, spec.ratePerSecond, spec.burst, mode);
  }
}
