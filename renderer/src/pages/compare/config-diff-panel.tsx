// The run.json keys that differ between the selected runs, side by side.
import type { ConfigValue } from '../../../../shared/domain/run-views';
import { useApiQuery } from '../../api/use-api';
import { showConfigValue } from '../../components/config-value';
import { ErrorPanel, LoadingState } from '../../components/state-views';

/** Six significant digits, so two close values still read differently; big ones with an exponent. */
const show = (value: ConfigValue) => showConfigValue(value, 6);

export function ConfigDiffPanel({ runIds, labels }: { runIds: string[]; labels: ReadonlyMap<string, string> }) {
  const diff = useApiQuery('getConfigDiff', { runIds }, { enabled: runIds.length > 1 });
  if (runIds.length < 2) return null;
  return (
    <section className="panel config-diff" data-testid="config-diff" aria-labelledby="config-diff-h">
      <h2 id="config-diff-h">Config differences</h2>
      {diff.isLoading && <LoadingState what="config differences" />}
      {diff.error && <ErrorPanel error={diff.error} />}
      {diff.data && (
        <>
          <p className="muted">
            {diff.data.rows.length} key{diff.data.rows.length === 1 ? '' : 's'} differ; {diff.data.sameCount} are the same in every run.
          </p>
          {diff.data.rows.length > 0 && (
            <div className="table-scroll">
              <table className="data">
                <thead>
                  <tr>
                    <th>key</th>
                    {diff.data.runIds.map((id) => (
                      <th key={id}>{labels.get(id) ?? id}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {diff.data.rows.map((row) => (
                    <tr key={row.key}>
                      <td>
                        <code>{row.key}</code>
                      </td>
                      {row.values.map((v, i) => (
                        <td key={i} className={typeof v === 'number' ? 'num' : undefined}>
                          {show(v)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
