/** Paging and filtering of the decision log, without React. */

/** Decisions per page of the log. */
export const PAGE_SIZE = 25;

/** Where a page stands: rows shown (1-based, inclusive), and the offsets of its neighbours. */
export interface PageView {
  from: number;
  to: number;
  total: number;
  previous: number | null;
  next: number | null;
}

/** The page at `offset` of `total` rows, `size` per page. */
export function pageView(total: number, offset: number, size = PAGE_SIZE): PageView {
  const start = Math.max(0, Math.min(offset, Math.max(total - 1, 0)));
  const to = Math.min(start + size, total);
  return {
    from: total === 0 ? 0 : start + 1,
    to,
    total,
    previous: start > 0 ? Math.max(0, start - size) : null,
    next: to < total ? start + size : null,
  };
}

/** The client filter as typed: '' = every client, a client number, or invalid (anything else). */
export function parseClientFilter(text: string): { clientId: number | undefined } | { invalid: true } {
  const typed = text.trim();
  if (typed === '') return { clientId: undefined };
  if (!/^[1-9]\d{0,15}$/.test(typed)) return { invalid: true };
  const clientId = Number(typed);
  return Number.isSafeInteger(clientId) ? { clientId } : { invalid: true };
}
