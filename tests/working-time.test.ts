import { describe, expect, it } from 'vitest';
import { addWorkingMinutes, DEFAULT_WORKING_CALENDAR } from '../src/sla/working-time.js';
import { computeDeadlines } from '../src/sla/deadlines.js';

// Times are written in Asia/Ho_Chi_Minh (+07:00).
const at = (local: string) => new Date(`${local}+07:00`);

describe('addWorkingMinutes', () => {
  it.each([
    ['2026-11-23T08:00:00', 60, '2026-11-23T09:00:00'], // Monday morning
    ['2026-11-23T11:00:00', 60, '2026-11-23T14:00:00'], // crosses lunch
    ['2026-11-23T16:30:00', 60, '2026-11-24T08:00:00'], // crosses the night
    ['2026-11-27T16:00:00', 120, '2026-11-30T08:30:00'], // Friday to Monday
    ['2026-11-28T10:00:00', 30, '2026-11-30T08:00:00'], // starts on a Saturday
    ['2026-11-23T06:00:00', 0, '2026-11-23T07:30:00'], // before the day starts
    ['2026-11-23T07:30:00', 480, '2026-11-24T08:00:00'], // 8 h: the 7.5 h of Monday, then 30 min on Tuesday
  ])('%s + %i min = %s', (start, minutes, expected) => {
    expect(addWorkingMinutes(at(start), minutes).toISOString()).toBe(at(expected).toISOString());
  });

  it('skips holidays', () => {
    const calendar = { ...DEFAULT_WORKING_CALENDAR, holidays: new Set(['2026-11-24']) };
    expect(addWorkingMinutes(at('2026-11-23T16:30:00'), 60, calendar).toISOString()).toBe(at('2026-11-25T08:00:00').toISOString());
  });
});

describe('computeDeadlines', () => {
  it('uses calendar time for critical and working time for medium', () => {
    const friday = at('2026-11-27T16:00:00');
    expect(computeDeadlines(friday, 'critical').ackDueAt.toISOString()).toBe(at('2026-11-27T17:00:00').toISOString());
    // 1 working day (8 h) from Friday 16:00: 1 h on Friday, 4 h on Monday morning, 3 h after lunch → 16:30
    expect(computeDeadlines(friday, 'medium').ackDueAt.toISOString()).toBe(at('2026-11-30T16:30:00').toISOString());
  });
});
