/** Paging and the client filter of the decision log. */
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, pageView, parseClientFilter } from '../../renderer/src/pages/decisions/decision-log-paging';

describe('pageView', () => {
  it('pages through the log with neighbours only where they exist', () => {
    expect(pageView(0, 0)).toEqual({ from: 0, to: 0, total: 0, previous: null, next: null });
    expect(pageView(60, 0)).toEqual({ from: 1, to: PAGE_SIZE, total: 60, previous: null, next: PAGE_SIZE });
    expect(pageView(60, 25)).toEqual({ from: 26, to: 50, total: 60, previous: 0, next: 50 });
    expect(pageView(60, 50)).toEqual({ from: 51, to: 60, total: 60, previous: 25, next: null });
    expect(pageView(60, 500).to).toBe(60); // an offset past the end (entries gone by a filter) shows the last rows
  });
});

describe('parseClientFilter', () => {
  it('reads empty as every client, digits as one client, and anything else as invalid', () => {
    expect(parseClientFilter('  ')).toEqual({ clientId: undefined });
    expect(parseClientFilter(' 100002 ')).toEqual({ clientId: 100002 });
    for (const bad of ['abc', '0', '-5', '12.5', '99999999999999999']) expect(parseClientFilter(bad), bad).toEqual({ invalid: true });
  });
});
