// The modal every written event goes through (a decision's rationale, a review's notes): a text box
// where Enter submits and Shift+Enter starts a new line, Escape or the backdrop cancels, errors are
// shown in place, and focus returns to where it was.
import { useEffect, useRef, type ReactNode } from 'react';

export interface TextEntryDialogProps {
  /** Element ids, unique per dialog kind. */
  idPrefix: string;
  testId: string;
  className?: string;
  title: ReactNode;
  /** Controls between the title and the text box (e.g. the decision choice). */
  children?: ReactNode;
  label: ReactNode;
  text: string;
  onTextChange: (text: string) => void;
  /** Messages shown above the actions: a missing identity, the API's error. */
  problems: ReactNode[];
  hint: string;
  submitLabel: string;
  canSubmit: boolean;
  onSubmit: () => void;
  onCancel: () => void;
}

export function TextEntryDialog(props: TextEntryDialogProps) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const returnFocus = useRef<Element | null>(null);

  useEffect(() => {
    returnFocus.current = document.activeElement;
    textarea.current?.focus();
    return () => (returnFocus.current as HTMLElement | null)?.focus?.();
  }, []);

  const submit = () => {
    if (props.canSubmit) props.onSubmit();
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onCancel()}>
      <div
        className={`dialog panel${props.className ? ` ${props.className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${props.idPrefix}-title`}
        data-testid={props.testId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            props.onCancel();
          }
        }}
      >
        <h2 id={`${props.idPrefix}-title`}>{props.title}</h2>
        {props.children}
        <label htmlFor={`${props.idPrefix}-text`} className="dialog-label">
          {props.label}
        </label>
        <textarea
          id={`${props.idPrefix}-text`}
          ref={textarea}
          className="input dialog-text"
          rows={4}
          value={props.text}
          onChange={(e) => props.onTextChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              submit();
            }
          }}
        />
        {props.problems.filter(Boolean).map((problem, index) => (
          <div key={index} className="error-panel" role="alert">
            {problem}
          </div>
        ))}
        <div className="row dialog-actions">
          <span className="muted">{props.hint}</span>
          <span className="grow" />
          <button className="btn" onClick={props.onCancel}>
            Cancel
          </button>
          <button className="btn primary" disabled={!props.canSubmit} onClick={submit}>
            {props.submitLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
