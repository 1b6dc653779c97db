// "Who am I": the team.yaml person whose name goes on every decision, comment and assessment this app
// writes. Warns when unset, or when the id is not in team.yaml.
import { useApiMutation, useApiQuery } from '../../api/use-api';

export function IdentityPicker() {
  const choices = useApiQuery('listIdentityChoices', {});
  const setIdentity = useApiMutation('setIdentity');
  if (!choices.data) return null;
  const { people, identity, known } = choices.data;
  const warning = identity === null ? 'Not set: choose who you are before deciding' : known ? null : `"${identity}" is not in team.yaml`;
  return (
    <div className="identity-picker row" data-testid="identity-picker">
      <label className="row" htmlFor="identity-select">
        <span className="muted">Who am I</span>
      </label>
      <select
        id="identity-select"
        className="input"
        value={identity ?? ''}
        aria-invalid={warning !== null}
        aria-describedby={warning ? 'identity-warning' : undefined}
        onChange={(e) => setIdentity.mutate({ personId: e.target.value === '' ? null : e.target.value })}
      >
        <option value="">— choose —</option>
        {identity !== null && !known && <option value={identity}>{identity} (unknown)</option>}
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name ? `${person.name} (${person.id})` : person.id}
          </option>
        ))}
      </select>
      {warning && (
        <span id="identity-warning" className="badge warn" role="status">
          {warning}
        </span>
      )}
      {setIdentity.error && <span className="badge danger">{setIdentity.error.message}</span>}
    </div>
  );
}
