// The tokens a team server accepts, read from its users file and read again as soon as the file
// changes: every request checks the file's stat (a revoked token stops working at the next request),
// and a timer does the same for the push channels nobody sends requests on. A file that turns
// unreadable or invalid fails closed: no person token is accepted until it is fixed.
import fs from 'node:fs';
import { personTokenId, personTokenMatches } from './person-tokens';
import { readUsersFile, type TokenEntry } from './users-file';

export class PersonTokenRegistry {
  private byId = new Map<string, TokenEntry>();
  private seen: string | null = null;
  private problem: string | null = null;
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;

  /** Reads the file once; throws when it cannot serve at all (missing, invalid), so `serve` stops with the reason. */
  constructor(
    readonly file: string,
    private readonly log: (message: string) => void = () => {},
  ) {
    this.load(readUsersFile(file, { mustExist: true }));
    this.seen = this.statKey();
  }

  /** Entries accepted now (not revoked). */
  activeCount(): number {
    return [...this.byId.values()].filter((entry) => entry.revoked_at === null).length;
  }

  /** The entry whose token this is, if it is valid now. */
  authenticate(presented: string): TokenEntry | null {
    this.refresh();
    const id = personTokenId(presented);
    const entry = id === null ? undefined : this.byId.get(id);
    return entry && personTokenMatches(presented, entry) ? entry : null;
  }

  /** Called after the accepted tokens changed (a token added or revoked, the file broken or fixed). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Checks the file every `intervalMs` even when no request comes. */
  watch(intervalMs = 1000): void {
    this.timer ??= setInterval(() => this.refresh(), intervalMs);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private statKey(): string | null {
    try {
      const stat = fs.statSync(this.file);
      return `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
    } catch {
      return null;
    }
  }

  private load(users: { tokens: TokenEntry[] }): void {
    this.byId = new Map(users.tokens.map((entry) => [entry.id, entry]));
  }

  private refresh(): void {
    const key = this.statKey();
    if (key === this.seen) return;
    this.seen = key;
    try {
      this.load(readUsersFile(this.file, { mustExist: true }));
      if (this.problem) this.log(`users file ${this.file} is readable again: ${this.activeCount()} tokens accepted.`);
      this.problem = null;
    } catch (error) {
      this.byId = new Map();
      this.problem = (error as Error).message;
      this.log(`users file unusable, no person token is accepted until it is fixed: ${this.problem}`);
    }
    for (const listener of this.listeners) listener();
  }
}
