// The people of a store's team.yaml, read the way the sync reads it (any transport), for commands
// that must name a real person: `tessera token add`.
import { openStoreTransport, type StoreAccessOptions } from '../core/store-access/open-store-transport';
import { parseTeamFile, type TeamPerson } from '../core/store/parse-team-file';
import { formatSyncIssue, IssueList } from '../core/store/sync-issue';
import { StoreAccessError } from '../core/store-access/store-transport';

const MAX_TEAM_FILE_BYTES = 4 * 1024 * 1024;

export async function readTeamPeople(storeUrl: string, access: StoreAccessOptions = {}): Promise<TeamPerson[]> {
  const { url, transport } = openStoreTransport(storeUrl, access);
  if (url.format !== 'labstore') throw new Error(`${storeUrl} is a ${url.format} store: it has no team.yaml to list people in.`);
  try {
    let bytes: Buffer;
    try {
      bytes = await transport.readSmallFile('team.yaml', MAX_TEAM_FILE_BYTES);
    } catch (error) {
      if (error instanceof StoreAccessError && error.code === 'not-found') {
        throw new Error(`${transport.location} has no team.yaml: a team server's people are the people listed there.`);
      }
      throw error;
    }
    const issues = new IssueList('team.yaml');
    const team = parseTeamFile(bytes, issues);
    if (!team) throw new Error(`${transport.location}/team.yaml cannot be read: ${issues.issues.map(formatSyncIssue).join('; ')}`);
    return team.people;
  } finally {
    await transport.close?.();
  }
}
