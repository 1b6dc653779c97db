// "Who am I": the team.yaml person whose name goes on every decision, comment, assessment and review
// this window writes. Kept per browser or window (use-identity.ts); shown on the pages that write and
// inside the dialogs that write, so choosing it never loses what was typed. Warns when unset, or when
// the id is not in team.yaml. On a team server it shows the token's person: there is no choice.
import { useId } from 'react';
import { useApiQuery } from '../../api/use-api';
import { setIdentity, useIdentity, useSignedIn } from './use-identity';
import './identity-picker.css';

/** `label` names what the window is doing ("Deciding as"); by default "Who am I", or "Writing as" on a team server. */
export function IdentityPicker({ label }: { label?: string }) {
  const choices = useApiQuery('listIdentityChoices', {});
  const identity = useIdentity();
  const signedIn = useSignedIn();
  const id = useId();
  if (!choices.data) return null;
  const { people } = choices.data;
  if (signedIn) {
    const name = people.find((person) => person.id === signedIn.person)?.name;
    return (
      <div className="identity-picker row" data-testid="identity-picker">
        <span className="muted">{label ?? 'Writing as'}</span>
        <strong data-testid="identity-fixed" title="The person your token belongs to: everything you write here carries their name.">
          {signedIn.person === null ? 'the shared room display (reads only)' : name ? `${name} (${signedIn.person})` : signedIn.person}
        </strong>
      </div>
    );
  }
  const known = identity !== null && people.some((person) => person.id === identity);
  const warning = identity === null ? 'Not set: choose who you are before writing' : known ? null : `"${identity}" is not in team.yaml`;
  return (
    <div className="identity-picker row" data-testid="identity-picker">
      <label className="muted" htmlFor={`${id}-select`}>
        {label ?? 'Who am I'}
      </label>
      <select
        id={`${id}-select`}
        className="input identity-select"
        value={identity ?? ''}
        aria-invalid={warning !== null}
        aria-describedby={warning ? `${id}-warning` : undefined}
        onChange={(e) => setIdentity(e.target.value === '' ? null : e.target.value)}
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
        <span id={`${id}-warning`} className="badge warn identity-warning" role="status">
          {warning}
        </span>
      )}
    </div>
  );
}
