// The triage board for meetings: proposals in columns by status, driven from the keyboard.
// Arrows (or h/j/k/l) move between cards, a/d/p/c adopt, drop, park or continue the focused card
// through the rationale dialog, Enter opens the proposal.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ProposalRow, WriteEventResult } from '../../../../shared/api/proposals-methods';
import { useApiQuery } from '../../api/use-api';
import { useRememberedState } from '../../app/page-memory';
import { navigate } from '../../app/router';
import { ComplexityBadge } from '../../components/complexity-badge';
import { EvalEvidenceWarning } from '../../components/eval-evidence-warning';
import { ReadOnlyNote, useCanWrite } from '../../components/read-only-note';
import { ErrorPanel, LoadingState } from '../../components/state-views';
import { DECISION_KEYS, DECISION_LABELS, decisionBadgeClass, STATUS_LABELS, STATUS_ORDER } from '../../components/proposals/proposals-format';
import { RationaleDialog, type DecisionRequest } from '../../components/proposals/rationale-dialog';

interface Position {
  column: number;
  row: number;
}

function columnsOf(proposals: ProposalRow[]): ProposalRow[][] {
  return STATUS_ORDER.map((status) => proposals.filter((p) => (p.status ?? 'proposed') === status));
}

function firstCard(columns: ProposalRow[][]): Position | null {
  const column = columns.findIndex((cards) => cards.length > 0);
  return column < 0 ? null : { column, row: 0 };
}

function move(columns: ProposalRow[][], at: Position, key: string): Position {
  const clampRow = (column: number, row: number) => Math.max(0, Math.min(row, columns[column]!.length - 1));
  const nextColumn = (step: number) => {
    for (let c = at.column + step; c >= 0 && c < columns.length; c += step) if (columns[c]!.length > 0) return c;
    return at.column;
  };
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return { column: at.column, row: clampRow(at.column, at.row + 1) };
    case 'ArrowUp':
    case 'k':
      return { column: at.column, row: clampRow(at.column, at.row - 1) };
    case 'ArrowRight':
    case 'l': {
      const column = nextColumn(1);
      return { column, row: clampRow(column, at.row) };
    }
    case 'ArrowLeft':
    case 'h': {
      const column = nextColumn(-1);
      return { column, row: clampRow(column, at.row) };
    }
    default:
      return at;
  }
}

function TriageCard({ proposal, focused, onFocus }: { proposal: ProposalRow; focused: boolean; onFocus: () => void }) {
  return (
    <li
      className="triage-card"
      tabIndex={focused ? 0 : -1}
      data-proposal={proposal.id}
      aria-label={`${proposal.id} ${proposal.title ?? ''}, ${proposal.status ?? 'proposed'}`}
      onFocus={onFocus}
      onClick={onFocus}
      onDoubleClick={() => navigate('proposals', { id: proposal.id })}
    >
      <div className="triage-card-head">
        <span className="muted">{proposal.id}</span>
        <ComplexityBadge complexity={proposal.complexity} />
      </div>
      <div className="triage-card-title">{proposal.title ?? proposal.id}</div>
      <div className="triage-card-meta muted">
        {proposal.owner ?? 'no owner'} · {proposal.area ?? 'no area'} · {proposal.kind ?? ''}
      </div>
      <EvalEvidenceWarning proposalId={proposal.id} />
      {proposal.lastDecision && (
        <div className="triage-card-decision">
          <span className={decisionBadgeClass(proposal.lastDecision.decision)}>{DECISION_LABELS[proposal.lastDecision.decision]}</span>{' '}
          <span className="muted">by {proposal.lastDecision.author ?? 'someone'}</span>
          {proposal.conflict && (
            <span className="badge danger conflict-badge" title="Conflicting decisions: see the proposal">
              conflict
            </span>
          )}
        </div>
      )}
      {proposal.pendingDecisions.length > 0 && (
        <span className="badge warn" title="Waiting in the outbox: the store could not be written yet">
          pending: {proposal.pendingDecisions.map((d) => DECISION_LABELS[d]).join(', ')}
        </span>
      )}
    </li>
  );
}

export function TriageBoard() {
  const list = useApiQuery('listProposals', {});
  const columns = useMemo(() => columnsOf(list.data?.proposals ?? []), [list.data]);
  // The focused card is where it was after a trip to a proposal and back.
  const [at, setAt] = useRememberedState<Position>('proposals.triage-at', { column: 0, row: 0 });
  const [request, setRequest] = useState<DecisionRequest | null>(null);
  const [last, setLast] = useState<{ result: WriteEventResult; id: string } | null>(null);
  const board = useRef<HTMLDivElement>(null);
  const canWrite = useCanWrite();
  const focusedId = useRef<string | null>(null);

  // The remembered position, or the first card when it no longer holds one.
  const position = columns[at.column]?.[at.row] ? at : (firstCard(columns) ?? at);
  const current = columns[position.column]?.[position.row] ?? null;

  // After a decision moves a card to another column, focus follows the card.
  useEffect(() => {
    if (!focusedId.current) return;
    for (let c = 0; c < columns.length; c++) {
      const r = columns[c]!.findIndex((p) => p.id === focusedId.current);
      if (r >= 0 && (c !== at.column || r !== at.row)) {
        setAt({ column: c, row: r });
        return;
      }
    }
  }, [columns, at]);

  const currentId = current?.id;
  const keepFocus = useRef(false);
  useEffect(() => {
    if (request || !currentId || !board.current) return;
    const within = board.current.contains(document.activeElement) || document.activeElement === document.body;
    if (!within && !keepFocus.current) return;
    keepFocus.current = false;
    board.current.querySelector<HTMLElement>(`[data-proposal="${CSS.escape(currentId)}"]`)?.focus();
  });

  if (list.error) return <ErrorPanel error={list.error} title="Proposals could not be loaded" />;
  if (!list.data) return <LoadingState what="proposals" />;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (request || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key;
    if (key in DECISION_KEYS && current && canWrite) {
      event.preventDefault();
      focusedId.current = current.id;
      setRequest({ proposalId: current.id, title: current.title, decision: DECISION_KEYS[key]! });
      return;
    }
    if (key === 'Enter' && current) {
      event.preventDefault();
      navigate('proposals', { id: current.id });
      return;
    }
    const next = move(columns, position, key);
    if (next !== position) {
      event.preventDefault();
      focusedId.current = columns[next.column]?.[next.row]?.id ?? null;
      setAt(next);
    }
  };

  return (
    <div>
      {canWrite ? (
        <p className="muted triage-help" id="triage-help">
          Keys: ←/→ or h/l between columns, ↑/↓ or j/k between cards, <kbd>a</kbd> adopt, <kbd>d</kbd> drop, <kbd>p</kbd> park (→ inconclusive),{' '}
          <kbd>c</kbd> continue (each asks for a reason), <kbd>Enter</kbd> opens the proposal.
        </p>
      ) : (
        <p className="muted triage-help" id="triage-help">
          Keys: ←/→ or h/l between columns, ↑/↓ or j/k between cards, <kbd>Enter</kbd> opens the proposal.{' '}
          <ReadOnlyNote>deciding is off on this server</ReadOnlyNote>
        </p>
      )}
      {last && (
        <div className={last.result.state === 'pending' ? 'error-panel' : 'panel triage-last'} role="status">
          {last.result.state === 'pending'
            ? `The store cannot be written now; the decision on ${last.id} is kept locally as pending and will be written when it can.`
            : `Decision on ${last.id} written to the store (${last.result.path}).`}
        </div>
      )}
      <div className="triage-board" ref={board} data-keep-scroll="triage-board" onKeyDown={onKeyDown} aria-describedby="triage-help" data-testid="triage-board">
        {columns.map((cards, c) => (
          <section key={STATUS_ORDER[c]} className="triage-column" aria-label={STATUS_LABELS[STATUS_ORDER[c]!]}>
            <h2>
              {STATUS_LABELS[STATUS_ORDER[c]!]} <span className="muted">{cards.length}</span>
            </h2>
            <ul>
              {cards.map((proposal, r) => (
                <TriageCard
                  key={proposal.id}
                  proposal={proposal}
                  focused={currentId === proposal.id}
                  onFocus={() => {
                    focusedId.current = proposal.id;
                    if (at.column !== c || at.row !== r) setAt({ column: c, row: r });
                  }}
                />
              ))}
            </ul>
          </section>
        ))}
      </div>
      {request && (
        <RationaleDialog
          request={request}
          onClose={(result) => {
            keepFocus.current = true;
            if (result) setLast({ result, id: request.proposalId });
            setRequest(null);
          }}
        />
      )}
    </div>
  );
}
