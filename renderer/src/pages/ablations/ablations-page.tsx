// The Ablations page: every ablation's variants at its comparison point — value, delta against the
// baseline, seed spread, 95 % Welch interval and verdict — and, for the one opened, small multiples of
// its curves.
import { useApiQuery } from '../../api/use-api';
import { useRoute } from '../../app/router';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorPanel, LoadingState } from '../../components/state-views';
import { AblationCard } from './ablation-card';
import { AblationCurves } from './ablation-curves';
import '../../components/series-chart/series-chart.css';
import './ablations-page.css';

function OpenAblation({ id }: { id: string }) {
  const detail = useApiQuery('getAblation', { id });
  if (detail.isLoading) return <LoadingState what="the ablation" />;
  if (detail.error) return <ErrorPanel error={detail.error} />;
  if (!detail.data) return null;
  const sizes = detail.data.sizes.filter((s) => s.variants.length > 0);
  if (sizes.length === 0) return <p className="muted">No curves to draw yet.</p>;
  return (
    <>
      {sizes
        .slice()
        .reverse()
        .map((size) => (
          <AblationCurves key={String(size.params)} ablation={detail.data} size={size} />
        ))}
    </>
  );
}

export function AblationsPage() {
  const route = useRoute();
  const openId = route.params.get('id');
  const list = useApiQuery('listAblations', {});
  return (
    <div className="page ablations-page">
      <PageHeader title="Ablations" subtitle={list.data ? `${list.data.ablations.length} in the store` : undefined} />
      <p className="muted page-intro">
        Each variant is read at the comparison point: the ablation’s metric at the largest {''}
        <code>compare_at</code> value all its runs reached. The interval is Welch’s 95 % interval of the difference of means, given only when both arms
        have at least two seeds; the verdict says whether it excludes zero.
      </p>
      {list.isLoading && <LoadingState what="ablations" />}
      {list.error && <ErrorPanel error={list.error} />}
      {list.data && list.data.ablations.length === 0 && (
        <div className="panel">
          <EmptyState title="No ablations">Add an ablations/&lt;id&gt;.yaml file to the store and give runs its id and a variant.</EmptyState>
        </div>
      )}
      {list.data?.ablations.map((ablation) => (
        <div key={ablation.id}>
          <AblationCard ablation={ablation} open={openId === ablation.id} />
          {openId === ablation.id && (
            <section className="panel" aria-label={`Curves of ${ablation.id}`}>
              <OpenAblation id={ablation.id} />
            </section>
          )}
        </div>
      ))}
    </div>
  );
}
