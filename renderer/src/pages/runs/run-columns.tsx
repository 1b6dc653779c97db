// The columns of the runs table: fixed ones from run.json and status, then any config key the user added.
import type { ConfigValue, RunRow } from '../../../../shared/domain/run-views';
import { formatCount, formatPowerOfTen } from '../../components/series-chart/chart-format';

export interface RunColumn {
  key: string;
  label: string;
  width: number;
  numeric?: boolean;
  render(run: RunRow): React.ReactNode;
}

const count = (v: number | null) => (v === null ? '—' : formatCount(v));

export function showConfigValue(value: ConfigValue | undefined): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Math.abs(value) >= 1e5 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(2) : String(Number(value.toPrecision(5)));
  return String(value);
}

export const FIXED_COLUMNS: RunColumn[] = [
  { key: 'status', label: 'Status', width: 84, render: (r) => <span className={`badge status-${r.status}`} title={r.statusMessage ?? undefined}>{r.status}</span> },
  { key: 'owner', label: 'Owner', width: 80, render: (r) => r.owner ?? '—' },
  { key: 'group', label: 'Group', width: 120, render: (r) => r.group ?? '—' },
  { key: 'ablation', label: 'Ablation · variant', width: 170, render: (r) => (r.ablation ? `${r.ablation} · ${r.variant ?? '?'}` : '—') },
  { key: 'seed', label: 'Seed', width: 52, numeric: true, render: (r) => (r.seed === null ? '—' : r.seed) },
  { key: 'params', label: 'Params', width: 70, numeric: true, render: (r) => count(r.params) },
  { key: 'tokens', label: 'Tokens', width: 70, numeric: true, render: (r) => count(r.tokens) },
  { key: 'flops', label: 'FLOPs', width: 80, numeric: true, render: (r) => (r.flops === null ? '—' : <span title={r.flopsGiven ? 'from run.json' : '6·N·D'}>{formatPowerOfTen(r.flops)}{r.flopsGiven ? '' : '*'}</span>) },
  { key: 'lastStep', label: 'Step', width: 72, numeric: true, render: (r) => count(r.lastStep) },
  { key: 'pointCount', label: 'Points', width: 70, numeric: true, render: (r) => count(r.pointCount) },
  { key: 'createdAt', label: 'Created', width: 96, render: (r) => r.createdAt.slice(0, 10) },
];

export function configColumn(key: string): RunColumn {
  return { key, label: key, width: 110, numeric: true, render: (r) => showConfigValue(r.values[key]) };
}
