// Where a review's agenda starts: the latest `review` event in the cache (by `at`, then id, as the
// format orders events), or seven days back when the team has never closed a review.
import type Database from 'better-sqlite3';
import type { ReviewStart } from '../../../../shared/api/review-methods';
import { parseJsonOrNull } from '../proposals/proposal-rows';
import { canonicalIsoTime, isIsoTime } from '../../store/iso-time';

export const DEFAULT_REVIEW_WINDOW_MS = 7 * 24 * 3600 * 1000;

/** A store time as epoch milliseconds; times without a zone are UTC, as the store format reads them. */
export function storeTimeMs(value: string | null | undefined): number | null {
  if (value === null || value === undefined || !isIsoTime(value)) return null;
  return Date.parse(canonicalIsoTime(value));
}

export function lastReviewEvent(sqlite: Database.Database, beforeMs: number = Number.POSITIVE_INFINITY): ReviewStart['lastReview'] {
  const rows = sqlite
    .prepare("SELECT id, at, author, payload_json AS payload FROM events WHERE type = 'review' ORDER BY at DESC, id DESC")
    .all() as { id: string; at: string; author: string | null; payload: string }[];
  const row = rows.find((r) => Date.parse(r.at) <= beforeMs);
  if (!row) return null;
  const payload = parseJsonOrNull(row.payload) as { notes?: unknown } | null;
  return { id: row.id, at: row.at, author: row.author, notes: typeof payload?.notes === 'string' ? payload.notes : null };
}

/** `given` overrides the last review; `nowMs` is the agenda's present (reviews after it are ignored). */
export function resolveReviewStart(sqlite: Database.Database, nowMs: number, given?: string): ReviewStart {
  const lastReview = lastReviewEvent(sqlite, nowMs);
  if (given !== undefined) return { since: new Date(storeTimeMs(given) ?? Date.parse(given)).toISOString(), source: 'given', lastReview };
  if (lastReview) return { since: lastReview.at, source: 'review', lastReview };
  return { since: new Date(nowMs - DEFAULT_REVIEW_WINDOW_MS).toISOString(), source: 'default-7-days', lastReview: null };
}
