// The Runs page's state in the route: filters, sort, grouping, extra columns, the selection and the
// pinned baseline, so a filtered view can be shared and the selection survives a trip to Compare.
import { RUN_TEXT_FILTER_MAX } from '../../../../shared/api/runs-methods';
import { RUN_STATUSES, type RunStatus } from '../../../../shared/domain/run-views';

export const GROUP_FIELDS = ['none', 'group', 'ablation', 'variant', 'owner', 'proposal', 'status'] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];

export interface RunsSettings {
  text: string;
  status: RunStatus[];
  owner?: string;
  group?: string;
  tag?: string;
  ablation?: string;
  proposal?: string;
  sort: { key: string; dir: 'asc' | 'desc' };
  columns: string[];
  groupBy: GroupField;
  selected: string[];
  baseline: string | null;
}

/** The route parameters that narrow the list (cleared together by "Clear the filters"). */
export const FILTER_PARAMS = ['q', 'status', 'owner', 'group', 'tag', 'ablation', 'proposal'] as const;

const list = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);
const optional = (value: string | null) => (value ? value : undefined);

export function readRunsSettings(params: URLSearchParams): RunsSettings {
  const [key, dir] = (params.get('sort') ?? 'createdAt:desc').split(':');
  const groupBy = params.get('groupby') as GroupField | null;
  return {
    // A longer filter pasted into the URL is cut where the box would have stopped typing.
    text: (params.get('q') ?? '').slice(0, RUN_TEXT_FILTER_MAX),
    status: list(params.get('status')).filter((s): s is RunStatus => (RUN_STATUSES as readonly string[]).includes(s)),
    owner: optional(params.get('owner')),
    group: optional(params.get('group')),
    tag: optional(params.get('tag')),
    ablation: optional(params.get('ablation')),
    proposal: optional(params.get('proposal')),
    sort: { key: key || 'createdAt', dir: dir === 'asc' ? 'asc' : 'desc' },
    columns: list(params.get('cols')),
    groupBy: groupBy && (GROUP_FIELDS as readonly string[]).includes(groupBy) ? groupBy : 'none',
    selected: list(params.get('selected')),
    baseline: params.get('baseline') || null,
  };
}
