import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PagePermits } from './page-permits';

describe('PagePermits', () => {
  it('gives at most its size at once, then serves waiters in the order they asked', async () => {
    const permits = new PagePermits(2);
    const first = permits.tryAcquire()!;
    const second = await permits.acquire();
    assert.equal(permits.tryAcquire(), undefined);
    const served: string[] = [];
    const third = permits.acquire().then(release => { served.push('third'); return release; });
    const fourth = permits.acquire().then(release => { served.push('fourth'); return release; });
    await Promise.resolve();
    assert.deepEqual(served, []);
    first();
    (await third)();
    second();
    (await fourth)();
    assert.deepEqual(served, ['third', 'fourth']);
    assert.equal(permits.inUse, 0);
  });

  it('counts a permit released twice once', async () => {
    const permits = new PagePermits(1);
    const release = await permits.acquire();
    release();
    release();
    assert.equal(permits.inUse, 0);
    assert.ok(permits.tryAcquire());
    assert.equal(permits.tryAcquire(), undefined);
  });
});
