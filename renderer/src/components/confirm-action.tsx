/**
 * A button whose action needs a second, explicit step: the first press shows the question with
 * "confirm" and "cancel" (focus goes to cancel, the safe choice; Escape cancels), only the second runs it.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/** Props of ConfirmAction (texts come translated from the screen). */
export interface ConfirmActionProps {
  label: string;
  /** A fuller accessible name when several such buttons share a label ("Disable agent"). */
  ariaLabel?: string;
  question: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  testId?: string;
}

/** The two-step button. */
export function ConfirmAction({ label, ariaLabel, question, confirmLabel, cancelLabel, onConfirm, disabled, testId }: ConfirmActionProps) {
  const [asking, setAsking] = useState(false);
  const questionId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (wasAsking.current) openerRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (!asking) {
    return (
      <button ref={openerRef} type="button" aria-label={ariaLabel} onClick={() => setAsking(true)} disabled={disabled} data-testid={testId}>
        {label}
      </button>
    );
  }
  return (
    <div
      className="confirm-action"
      role="alertdialog"
      aria-labelledby={questionId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setAsking(false);
      }}
    >
      <p id={questionId}>{question}</p>
      <div className="row">
        <button
          type="button"
          className="primary"
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
          data-testid={testId ? `${testId}-confirm` : undefined}
        >
          {confirmLabel}
        </button>
        <button ref={cancelRef} type="button" onClick={() => setAsking(false)} data-testid={testId ? `${testId}-cancel` : undefined}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
