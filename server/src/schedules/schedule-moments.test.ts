import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dhisPeriodId } from '../export/reporting-period';
import { dueMoments, lastEndedPeriod, nextMoment } from './schedule-moments';

const at = (iso: string) => new Date(iso);
const ended = (iso: string, zone: string, type: 'Monthly' | 'Quarterly' | 'Yearly', startDay = 1, calendar: 'gregorian' | 'bikram-sambat' = 'gregorian') =>
  dhisPeriodId(lastEndedPeriod(at(iso), zone, type, startDay, calendar)!);

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

  it('takes Bikram Sambat months, quarters and years in a BS deployment, as its devices count them', () => {
    // 28 October 2026 is Kartik 11, 2083 in Kathmandu: Ashwin 2083 (208306) has ended.
    assert.equal(ended('2026-10-28T04:15:00Z', 'Asia/Kathmandu', 'Monthly', 1, 'bikram-sambat'), '208306');
    // Kartik 1, 2083 is 18 October 2026: on the 17th Ashwin is still under way, Bhadra (208305) has ended.
    assert.equal(ended('2026-10-17T04:15:00Z', 'Asia/Kathmandu', 'Monthly', 1, 'bikram-sambat'), '208305');
    assert.equal(ended('2026-10-18T04:15:00Z', 'Asia/Kathmandu', 'Monthly', 1, 'bikram-sambat'), '208306');
    // Kartik opens the third BS quarter: the second (Shrawan – Ashwin) has ended; the year 2082 has ended.
    assert.equal(ended('2026-10-28T04:15:00Z', 'Asia/Kathmandu', 'Quarterly', 1, 'bikram-sambat'), '2083Q2');
    assert.equal(ended('2026-10-28T04:15:00Z', 'Asia/Kathmandu', 'Yearly', 1, 'bikram-sambat'), '2082');
  });

  it('follows reporting months that start on another day than the 1st', () => {
    // Start day 26: 5 November lies in the reporting month 26 October – 25 November (tagged 2026-11).
    assert.equal(ended('2026-11-05T06:00:00Z', 'UTC', 'Monthly', 26), '202610');
    // 27 November lies in 26 November – 25 December (2026-12): November has ended.
    assert.equal(ended('2026-11-27T06:00:00Z', 'UTC', 'Monthly', 26), '202611');
  });
});
