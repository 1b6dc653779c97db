// Who you are on a team server: the person your token belongs to, shown (never chosen), whether you
// can write, and — in a browser — the way to sign out. Renders nothing where the app chooses the
// identity itself (a local store), which the "Who am I" picker covers.
import { apiClient } from '../api/api-client';
import { useApiQuery } from '../api/use-api';
import './signed-in-as.css';

async function signOut(): Promise<void> {
  await fetch('logout', { method: 'POST' });
  window.location.reload();
}

/** The person's name as team.yaml gives it, else their id. */
export function useSignedInPerson(): { id: string | null; name: string | null; canWrite: boolean } | null {
  const info = useApiQuery('getAppInfo', {});
  const signedIn = info.data?.signedIn ?? null;
  const choices = useApiQuery('listIdentityChoices', {}, { enabled: signedIn !== null });
  if (!info.data || !signedIn) return null;
  const name = choices.data?.people.find((person) => person.id === signedIn.person)?.name ?? null;
  return { id: signedIn.person, name, canWrite: info.data.canWrite };
}

/** Compact, for the sidebar of every page. */
export function SignedInAs() {
  const person = useSignedInPerson();
  if (!person) return null;
  return (
    <div className="signed-in-as" data-testid="signed-in-as">
      {person.id === null ? (
        <span>Shared room display</span>
      ) : (
        <span title={`Every decision, comment and assessment you make here is written as ${person.id}.`}>
          Signed in as <strong>{person.name ?? person.id}</strong>
          {person.name ? <span className="muted"> ({person.id})</span> : null}
        </span>
      )}
      {apiClient.kind === 'http' && (
        <button className="sign-out" onClick={() => void signOut()}>
          Sign out
        </button>
      )}
    </div>
  );
}
