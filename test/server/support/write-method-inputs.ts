// A valid call of every contract method that writes, on the small demo lab (seed 1). The tests that
// try to forge an author or write with a viewer's token go through all of them; a write method added
// to the contract without an entry here fails those tests until it gets one. Where a method names its
// caller (`caller` in the contract), the call names raj, as raj's own window would.
import { contract, type InputOf, type MethodName } from '../../../shared/api/contract';

export type WriteMethodInputs = { [K in MethodName]?: InputOf<K> };

export function writeMethodNames(): MethodName[] {
  return (Object.keys(contract) as MethodName[]).filter((method) => contract[method].writes).sort();
}

/** Every method whose input names its caller (who writes, whose alerts), writes or not. */
export function callerNamingMethods(): MethodName[] {
  return (Object.keys(contract) as MethodName[]).filter((method) => contract[method].caller !== null).sort();
}

export const WRITE_METHOD_INPUTS: WriteMethodInputs = {
  syncNow: {},
  decide: { proposalId: 'p-001', decision: 'park', rationale: 'Gain within noise at 1B; parking until the data mix settles.', author: 'raj' },
  comment: { target: 'p-002', text: 'The 350M seeds disagree; one more seed before we decide.', author: 'raj' },
  setComplexity: { proposalId: 'p-003', complexity: { code: 2, knobs: 1, infra: 0, risk: 1, usability_tax: 0.01 }, author: 'raj' },
  retryPendingEvents: {},
  setFitExclusion: { group: 'ladder-v2', runId: 'r-0001', excluded: true, reason: 'restarted from a bad checkpoint' },
  closeReview: { notes: 'Weekly review: parked p-001.', author: 'raj' },
  setAlertSettings: { quietMinutes: 45, ownRuns: false, person: 'raj' },
  watch: { kind: 'proposal', target: 'p-002', person: 'raj' },
  unwatch: { kind: 'proposal', target: 'p-002', person: 'raj' },
  saveSource: { name: 'Another store', url: '/tmp/not-this-servers-store' },
  removeSource: { id: 'lab-store' },
  useSource: { id: 'lab-store' },
  setSshKeyFile: { file: null },
  trustHostKey: { url: 'sftp://ana@cluster.example/lab', fingerprint: `SHA256:${'A'.repeat(43)}` },
};

/** Write methods that change how the server is set up, which no person's token may call on a team server without --allow-setup. */
export const SERVER_SETUP_METHODS = ['saveSource', 'removeSource', 'useSource', 'setSshKeyFile', 'trustHostKey'];

/** Fields a client might add to claim another author where its method has no caller field; strict inputs refuse them. */
export const FORGED_AUTHOR_FIELDS = { author: 'ana', identity: 'ana', personId: 'ana', person: 'ana', by: 'ana' };

/** Headers a client might send to claim another person (as some proxies do); the server must not listen. */
export const FORGED_AUTHOR_HEADERS = { 'X-Tessera-Person': 'ana', 'X-Forwarded-User': 'ana', 'X-Remote-User': 'ana', 'Remote-User': 'ana' };
