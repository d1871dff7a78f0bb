import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dhisPeriodId } from '../dhis-export/reporting-period';
import { dueMoments, lastEndedPeriod, nextMoment } from './schedule-moments';

const at = (iso: string) => new Date(iso);
const ended = (iso: string, zone: string, type: 'Monthly' | 'Quarterly' | 'Yearly', startDay = 1) =>
  dhisPeriodId(lastEndedPeriod(at(iso), zone, type, startDay));

describe('schedule moments', () => {
  it('finds the next moment in the schedule\'s time zone, across daylight saving time', () => {
    const schedule = { dayOfMonth: 5, time: '06:00', timeZone: 'Europe/Paris' };
    assert.equal(nextMoment(schedule, at('2026-03-01T00:00:00Z'))?.toISOString(), '2026-03-05T05:00:00.000Z');
    assert.equal(nextMoment(schedule, at('2026-03-05T05:00:00Z'))?.toISOString(), '2026-04-05T04:00:00.000Z');
  });

  it('lists the moments since a start, oldest first, keeping only the newest', () => {
    const schedule = { dayOfMonth: 28, time: '23:59', timeZone: 'UTC' };
    assert.deepEqual(dueMoments(schedule, at('2026-01-01T00:00:00Z'), at('2026-03-28T23:59:00Z')).map(moment => moment.toISOString()),
      ['2026-01-28T23:59:00.000Z', '2026-02-28T23:59:00.000Z', '2026-03-28T23:59:00.000Z']);
    assert.equal(dueMoments(schedule, at('2020-01-01T00:00:00Z'), at('2026-03-29T00:00:00Z'), 3).length, 3);
    assert.deepEqual(dueMoments(schedule, at('2026-03-28T23:59:00Z'), at('2026-04-01T00:00:00Z')), [], 'the start itself is not due');
  });

  it('takes the last period that has ended on the moment\'s day where the schedule runs', () => {
    assert.equal(ended('2026-11-05T06:00:00Z', 'UTC', 'Monthly'), '202610');
    assert.equal(ended('2026-01-05T06:00:00Z', 'UTC', 'Monthly'), '202512');
    // 23:30 UTC on 31 October is already 1 November in Nairobi: October has ended there.
    assert.equal(ended('2026-10-31T23:30:00Z', 'Africa/Nairobi', 'Monthly'), '202610');
    assert.equal(ended('2026-10-31T23:30:00Z', 'UTC', 'Monthly'), '202609');
    assert.equal(ended('2026-11-05T06:00:00Z', 'UTC', 'Quarterly'), '2026Q3');
    assert.equal(ended('2026-01-05T06:00:00Z', 'UTC', 'Quarterly'), '2025Q4');
    assert.equal(ended('2026-01-05T06:00:00Z', 'UTC', 'Yearly'), '2025');
  });

  it('follows reporting months that start on another day than the 1st', () => {
    // Start day 26: 5 November lies in the reporting month 26 October – 25 November (tagged 2026-11).
    assert.equal(ended('2026-11-05T06:00:00Z', 'UTC', 'Monthly', 26), '202610');
    // 27 November lies in 26 November – 25 December (2026-12): November has ended.
    assert.equal(ended('2026-11-27T06:00:00Z', 'UTC', 'Monthly', 26), '202611');
  });
});
