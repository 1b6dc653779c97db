// Watch or stop watching a run, group, ablation or proposal: its alerts then reach you.
import type { WatchKind } from '../../../shared/api/alerts-methods';
import { useApiMutation, useApiQuery } from '../api/use-api';
import { useIdentity } from './identity/use-identity';
import { useReadOnly, useReadOnlyReason } from './read-only-note';

export function WatchButton({ kind, target, small, label = '' }: { kind: WatchKind; target: string; small?: boolean; label?: string }) {
  const person = useIdentity() ?? undefined;
  const settings = useApiQuery('getAlertSettings', { person });
  const watch = useApiMutation('watch');
  const unwatch = useApiMutation('unwatch');
  const watching = settings.data?.watches.some((w) => w.kind === kind && w.target === target) ?? false;
  const readOnly = useReadOnly();
  const readOnlyReason = useReadOnlyReason();
  const busy = watch.isPending || unwatch.isPending;
  const error = watch.error ?? unwatch.error;
  return (
    <button
      type="button"
      className={`btn${small ? ' small' : ''}`}
      aria-pressed={watching}
      disabled={busy || readOnly || !settings.data}
      title={readOnly ? (readOnlyReason ?? undefined) : error ? error.message : watching ? `You get alerts of this ${kind}. Click to stop.` : `Get alerts (NaN, spikes, divergence, stalls, its runs ending) of this ${kind}.`}
      data-testid={`watch-${kind}`}
      onClick={() => (watching ? unwatch : watch).mutate({ kind, target, person })}
    >
      {watching ? `Watching${label}` : `Watch${label}`}
    </button>
  );
}
