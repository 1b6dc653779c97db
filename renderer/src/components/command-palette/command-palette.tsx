// The command palette: Ctrl/Cmd+K anywhere opens it; it searches the lab as you type (debounced) and
// jumps to a proposal, ablation, run, page or action. Arrows move, Enter goes, Escape closes.
import { keepPreviousData } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useApiMutation, useApiQuery } from '../../api/use-api';
import { PAGES } from '../../app/pages';
import { navigate } from '../../app/router';
import { MarkedText } from '../marked-text';
import { commandGroup, hitGroups, seeAllGroup, type PaletteCommand, type PaletteEntry, type PaletteGroup } from './palette-entries';
import { useDebouncedValue } from './use-debounced-value';
import './command-palette.css';

export const OPEN_PALETTE_EVENT = 'tessera:open-palette';
const SEARCH_DELAY_MS = 120;

export function CommandPalette() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setOpen((was) => !was);
      }
    };
    const onOpen = () => setOpen(true);
    // Capture, so a page's own key handling never swallows the shortcut.
    window.addEventListener('keydown', onKey, true);
    window.addEventListener(OPEN_PALETTE_EVENT, onOpen);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener(OPEN_PALETTE_EVENT, onOpen);
    };
  }, []);
  return open ? <PaletteDialog onClose={() => setOpen(false)} /> : null;
}

function usePaletteCommands(): { actions: PaletteCommand[]; pages: PaletteCommand[] } {
  const info = useApiQuery('getAppInfo', {});
  const syncNow = useApiMutation('syncNow');
  const canWrite = info.data?.canWrite !== false;
  const startSync = syncNow.mutate;
  return useMemo(() => {
    const go = (page: string, params?: Record<string, string>) => () => navigate(page, params);
    const actions: PaletteCommand[] = [
      {
        key: 'sync',
        label: 'Sync now',
        keywords: 'refresh store reload',
        disabled: !canWrite,
        note: canWrite ? undefined : 'read-only',
        run: () => startSync({}),
      },
      { key: 'review', label: 'Start review', keywords: 'weekly digest meeting', run: go('review') },
      { key: 'triage', label: 'Triage proposals', keywords: 'board decide', run: go('proposals', { view: 'triage' }) },
      { key: 'decisions', label: 'Decision log', keywords: 'decided history', run: go('proposals', { view: 'decisions' }) },
      { key: 'not-pursued', label: 'What we decided not to do', keywords: 'dropped parked', run: go('proposals', { view: 'not-pursued' }) },
    ];
    const pages = PAGES.map((page) => ({ key: page.id, label: `Go to ${page.title}`, keywords: page.id, run: go(page.id) }));
    return { actions, pages };
  }, [canWrite, startSync]);
}

function PaletteDialog({ onClose }: { onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<Element | null>(document.activeElement);
  const settled = useDebouncedValue(query.trim(), SEARCH_DELAY_MS);
  const close = useCallback(() => {
    onClose();
    if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
  }, [onClose]);
  const { actions, pages } = usePaletteCommands();
  const search = useApiQuery('search', { query: settled, limit: 30, perKind: 5 }, { enabled: settled.length > 0, placeholderData: keepPreviousData });
  const result = settled.length > 0 ? search.data : undefined;

  const groups = useMemo(() => {
    const all: (PaletteGroup | null)[] = [commandGroup('Actions', actions, query), commandGroup('Pages', pages, query), ...hitGroups(result)];
    if (result && result.total > 0) all.push(seeAllGroup(settled, result.total));
    return all.filter((group): group is PaletteGroup => group !== null);
  }, [actions, pages, query, result, settled]);
  const entries = useMemo(() => groups.flatMap((group) => group.entries), [groups]);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => setActive(0), [query, result]);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const runEntry = (entry: PaletteEntry | undefined) => {
    if (!entry || entry.disabled) return;
    onClose();
    entry.run();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (entries.length > 0) setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : entries.length - 1)) % entries.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      runEntry(entries[active]);
    } else if (event.key === 'Tab') {
      // A modal dialog: focus stays in the search box, the list is reached with the arrows.
      event.preventDefault();
    }
  };

  const searching = settled !== query.trim() || (search.isFetching && settled.length > 0);
  let index = -1;
  return (
    <div className="palette-backdrop" onMouseDown={(event) => event.target === event.currentTarget && close()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Search and commands" onKeyDown={onKeyDown} data-testid="command-palette">
        <div className="palette-input-row">
          <input
            ref={input}
            className="palette-input"
            role="combobox"
            aria-expanded="true"
            aria-controls="palette-list"
            aria-activedescendant={entries[active] ? `palette-${active}` : undefined}
            aria-autocomplete="list"
            placeholder="Search proposals, decisions, comments, ablations, runs — or type a page or action"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            spellCheck={false}
          />
          <span className="palette-status muted" aria-live="polite">
            {searching ? 'Searching…' : result ? `${result.total} found` : ''}
          </span>
        </div>
        <div className="palette-list" id="palette-list" role="listbox" ref={list} aria-label="Results">
          {search.error && <div className="palette-error">Search failed: {search.error.message}</div>}
          {groups.map((group) => (
            <div key={group.name} role="group" aria-label={group.name}>
              <div className="palette-group">
                {group.name}
                {group.count && <span className="muted"> · {group.count}</span>}
              </div>
              {group.entries.map((entry) => {
                index += 1;
                const i = index;
                return (
                  <div
                    key={entry.key}
                    id={`palette-${i}`}
                    role="option"
                    aria-selected={i === active}
                    aria-disabled={entry.disabled || undefined}
                    className="palette-entry"
                    onMouseMove={() => i !== active && setActive(i)}
                    onClick={() => runEntry(entry)}
                  >
                    <div className="palette-entry-title">
                      <span className="palette-entry-text">
                        <MarkedText segments={entry.title} />
                      </span>
                      {entry.note && <span className="badge">{entry.note}</span>}
                    </div>
                    {entry.detail && entry.detail.length > 0 && (
                      <div className="palette-entry-detail">
                        <MarkedText segments={entry.detail} />
                      </div>
                    )}
                    {entry.facts && <div className="palette-entry-facts muted">{entry.facts}</div>}
                  </div>
                );
              })}
            </div>
          ))}
          {settled.length > 0 && result && result.total === 0 && !searching && <div className="palette-empty muted">Nothing in the lab matches “{settled}”.</div>}
        </div>
        <div className="palette-footer muted">
          <span><kbd>↑</kbd> <kbd>↓</kbd> move</span>
          <span><kbd>Enter</kbd> open</span>
          <span><kbd>Esc</kbd> close</span>
          <span className="grow" />
          <span>
            <kbd>Ctrl</kbd>/<kbd>⌘</kbd> <kbd>K</kbd> anywhere
          </span>
        </div>
      </div>
    </div>
  );
}
