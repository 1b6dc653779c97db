// What the triage forms offer and check against: the people one may write as, the areas and owners the
// proposals filter by, and whether a target an event names is in the cache.
import type Database from 'better-sqlite3';
import { and, asc, eq, isNotNull, notInArray } from 'drizzle-orm';
import type { IdentityChoices } from '../../../../shared/api/proposals-methods';
import { ablations, areas, events, people, proposals, runs } from '../../db/schema';
import { typedCache } from '../../db/typed-cache';

export function listPeople(sqlite: Database.Database): IdentityChoices['people'] {
  return typedCache(sqlite).select({ id: people.id, name: people.name, area: people.area }).from(people).orderBy(asc(people.name), asc(people.id)).all();
}

/** The lab's areas in their order, then any other area a proposal names, by name. */
export function listProposalAreas(sqlite: Database.Database): string[] {
  const db = typedCache(sqlite);
  const declared = db.select({ name: areas.name }).from(areas).orderBy(asc(areas.ord)).all();
  const others = db
    .selectDistinct({ area: proposals.area })
    .from(proposals)
    .where(and(isNotNull(proposals.area), notInArray(proposals.area, db.select({ name: areas.name }).from(areas))))
    .orderBy(asc(proposals.area))
    .all();
  return [...declared.map((a) => a.name), ...others.flatMap((p) => (p.area === null ? [] : [p.area]))];
}

export function listProposalOwners(sqlite: Database.Database): string[] {
  const rows = typedCache(sqlite).selectDistinct({ owner: proposals.owner }).from(proposals).where(isNotNull(proposals.owner)).orderBy(asc(proposals.owner)).all();
  return rows.flatMap((r) => (r.owner === null ? [] : [r.owner]));
}

const byId = { proposals, ablations, runs, events } as const;

/** Whether the cache holds a proposal, ablation, run or event of this id. */
export function isInCache(sqlite: Database.Database, kind: keyof typeof byId, id: string): boolean {
  const table = byId[kind];
  return typedCache(sqlite).select({ id: table.id }).from(table).where(eq(table.id, id)).get() !== undefined;
}
