// The `id` inside an ablation, proposal or event must agree with its file name, which is what
// places it in the store. When absent, the file name is the id.
import { describeValue, isStoreId, STORE_ID_EXPECTED } from './store-ids';
import type { IssueList } from './sync-issue';

export function checkDocumentId(
  value: unknown,
  fileId: string,
  what: string,
  issues: IssueList,
  line: number | null = null,
): boolean {
  if (value === undefined || value === null) return true;
  // YAML reads `id: 42` as a number; a file named 42.yaml still means it.
  if (typeof value === 'number' && String(value) === fileId) return true;
  if (!isStoreId(value)) {
    issues.add('invalid-id', `Field "id" is ${describeValue(value)}: the ${what} is refused.`, STORE_ID_EXPECTED, line);
    return false;
  }
  if (value !== fileId) {
    issues.add('id-mismatch', `Field "id" is "${value}" but the file is named "${fileId}": the ${what} is refused.`, `"id": "${fileId}"`, line);
    return false;
  }
  return true;
}
