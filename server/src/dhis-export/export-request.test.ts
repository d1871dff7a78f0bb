import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import qs from 'qs';
import { ExportError } from './export-error';
import { parseExportRequest } from './export-request';

const fromQuery = (query: string) => parseExportRequest(qs.parse(query));
const rejects = (input: unknown, message: RegExp) => assert.throws(() => parseExportRequest(input), (error: unknown) =>
  error instanceof ExportError && error.status === 400 && message.test(error.message));

describe('parseExportRequest', () => {
  it('reads qs-style query parameters', () => {
    assert.deepEqual(fromQuery('filters[dataSet]=ds1&filters[date][from]=1790000000000&filters[orgUnit]=ou1&options[humanReadable]=true'),
      { dataSet: 'ds1', from: 1790000000000, orgUnit: 'ou1', humanReadable: true });
  });

  it('reads a CHT client\'s JSON body', () => {
    assert.deepEqual(parseExportRequest({ filters: { dataSet: 'ds1', date: { from: 1790000000000 } }, options: { humanReadable: false } }),
      { dataSet: 'ds1', from: 1790000000000, humanReadable: false });
  });

  it('treats an empty org unit as all places', () => {
    assert.equal(fromQuery('filters[dataSet]=ds1&filters[date][from]=1&filters[orgUnit]=').orgUnit, undefined);
  });

  it('requires a data set and a month', () => {
    rejects(undefined, /filter "dataSet" is required/);
    rejects({ filters: { date: { from: 1 } } }, /filter "dataSet" is required/);
    rejects({ filters: { dataSet: 'ds1' } }, /filter "date.from" is required/);
    rejects({ filters: { dataSet: 'ds1', date: {} } }, /filter "date.from" is required/);
  });

  it('rejects a month that is not a number', () => {
    rejects(qs.parse('filters[dataSet]=ds1&filters[date][from]=last-month'), /must be a timestamp in milliseconds.*"last-month"/);
    rejects({ filters: { dataSet: 'ds1', date: { from: 'Infinity' } } }, /timestamp/);
    rejects({ filters: { dataSet: 'ds1', date: { from: 9e15 } } }, /timestamp/);
    rejects({ filters: { dataSet: 'ds1', date: { from: { $gt: 1 } } } }, /timestamp/);
  });

  it('rejects parameters given more than once', () => {
    rejects(qs.parse('filters[dataSet]=a&filters[dataSet]=b&filters[date][from]=1'), /"dataSet" must be given once, not 2 times/);
    rejects(qs.parse('filters[dataSet]=a&filters[date][from]=1&filters[date][from]=2'), /"date.from" must be given once/);
    rejects(qs.parse('filters[dataSet]=a&filters[date][from]=1&filters[orgUnit][]=x'), /"orgUnit" must be given once/);
  });

  it('rejects filters of the wrong shape', () => {
    rejects({ filters: 'ds1' }, /"filters" must be an object/);
    rejects({ filters: { dataSet: 'ds1', date: 5 } }, /"date" must be an object/);
    rejects({ filters: { dataSet: { id: 'x' }, date: { from: 1 } } }, /"dataSet" must be a string/);
    rejects({ filters: { dataSet: 'ds1', date: { from: 1 } }, options: 'yes' }, /"options" must be an object/);
    rejects({ filters: { dataSet: 'ds1', date: { from: 1 } }, options: { humanReadable: 'maybe' } }, /"humanReadable" must be true or false/);
  });

  it('rejects huge values with a short message', () => {
    const huge = 'x'.repeat(100_000);
    assert.throws(() => parseExportRequest({ filters: { dataSet: huge, date: { from: 1 } } }), (error: Error) =>
      /too long \(100000 characters/.test(error.message) && error.message.length < 200);
    assert.throws(() => parseExportRequest({ filters: { dataSet: 'ds1', date: { from: huge } } }), (error: Error) => error.message.length < 200);
  });
});
