// The work runner's per-item logger: no child is built for an item that logs nothing; what is logged
// carries the item's fields, also through a child of the lazy logger.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LazyChildLogger } from '../../src/engine/lazy-child-logger.js';
import type { LogFields, Logger } from '../../src/ports/logger.js';
import { RecordingLogger } from './recording-logger.js';

class CountingChildren extends RecordingLogger {
  built = 0;
  override child(fields: LogFields): Logger {
    this.built++;
    return super.child(fields);
  }
}

describe('LazyChildLogger', () => {
  it('builds the child only when something is logged, once', () => {
    const parent = new CountingChildren();
    const log = new LazyChildLogger(parent, { workId: 7 });
    assert.equal(parent.built, 0);
    log.warn('first', { a: 1 });
    log.error('second');
    assert.equal(parent.built, 1);
    assert.deepEqual(parent.entries.map((e) => [e.level, e.msg, e.fields]), [['warn', 'first', { workId: 7, a: 1 }], ['error', 'second', { workId: 7 }]]);
  });

  it('a child of it carries both sets of fields, still built only when used', () => {
    const parent = new CountingChildren();
    const child = new LazyChildLogger(parent, { workId: 7, kind: 'order.export' }).child({ component: 'lease', workId: 8 });
    assert.equal(parent.built, 0);
    child.info('renewed');
    assert.deepEqual(parent.entries[0]?.fields, { workId: 8, kind: 'order.export', component: 'lease' });
  });

  it('a debug line below the parent level builds nothing; at debug level it is written with the fields', () => {
    const quiet = new (class extends CountingChildren { isLevelEnabled(level: string): boolean { return level !== 'debug'; } })();
    const log = new LazyChildLogger(quiet, { workId: 7 });
    log.debug('work done');
    assert.equal(quiet.built, 0);
    assert.equal(quiet.entries.length, 0);
    assert.equal(log.isLevelEnabled('debug'), false);
    const loud = new (class extends CountingChildren { isLevelEnabled(): boolean { return true; } })();
    new LazyChildLogger(loud, { workId: 8 }).debug('work done');
    assert.deepEqual(loud.entries.map((e) => [e.level, e.msg, e.fields]), [['debug', 'work done', { workId: 8 }]]);
  });
});
