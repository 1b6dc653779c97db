// The person table: how much of each person's time their active proposals claim, week by week.
import type { SplitAtom } from './attribute-work';
import { groupAtoms, summarizeAtoms } from './summarize';
import type { LoadFlag, PersonLoadRow, SplitPerson, WeekInfo } from './types';

export const OVER_COMMITTED_ABOVE = 1.0;
export const UNASSIGNED_BELOW = 0.5;
// Shares such as 0.2 + 0.4 + 0.3 + 0.1 sum to 1.0000000000000002 in floating point: a full person, not an over-committed one.
const EPSILON = 1e-9;

export function loadFlag(load: number): LoadFlag {
  if (load > OVER_COMMITTED_ABOVE + EPSILON) return 'over';
  if (load < UNASSIGNED_BELOW - EPSILON) return 'under';
  return null;
}

/**
 * Load in a week = Σ share × active days ÷ days elapsed, i.e. person-weeks ÷ the elapsed fraction
 * of the week. For past weeks that is person-weeks itself; for the current week it is the load so
 * far, so nobody reads as unassigned on a Tuesday. Future weeks have load 0 and no flag.
 */
export function personLoadTable(personWeekAtoms: SplitAtom[], weeks: WeekInfo[], team: SplitPerson[]): PersonLoadRow[] {
  const byPerson = groupAtoms(personWeekAtoms, (a) => a.person);
  const unknown = [...byPerson.keys()].filter((id) => !team.some((p) => p.id === id)).sort();
  const rows: { id: string; name: string; area: string | null }[] = [
    ...team.map((p) => ({ id: p.id, name: p.name || p.id, area: p.area ?? null })),
    ...unknown.map((id) => ({ id, name: id, area: null })),
  ];
  return rows.map(({ id, name, area }) => {
    const byWeek = groupAtoms(byPerson.get(id) ?? [], (a) => a.week);
    return {
      person: id,
      name,
      area,
      weeks: weeks.map((info, index) => {
        const cell = summarizeAtoms(byWeek.get(index) ?? []);
        const load = info.daysElapsed > 0 ? cell.total / (info.daysElapsed / 7) : 0;
        return { week: info.week, load, flag: info.daysElapsed > 0 ? loadFlag(load) : null, proposals: cell.proposals };
      }),
    };
  });
}
