import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { ensureDesignDocs, ensureTargetValuesView } from './design-docs';

PouchDB.plugin(memoryAdapter);

describe('design docs installed by two servers started together', () => {
  it('both start: the one whose write comes second finds what the other installed', async () => {
    const db = new PouchDB(`medic-${randomUUID()}`, { adapter: 'memory' });
    const orgUnits = await Promise.all([ensureDesignDocs(db), ensureDesignDocs(db)]);
    assert.deepEqual(orgUnits.sort(), ['installed', 'present']);
    const targetValues = await Promise.all([ensureTargetValuesView(db), ensureTargetValuesView(db)]);
    assert.deepEqual(targetValues.sort(), ['installed', 'present']);
  });
});
