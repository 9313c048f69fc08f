// An inline confirmation (role alertdialog): focus moves to Cancel when it opens, Escape
// cancels, and focus returns to the control that opened it when it closes.
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

/** Props of a confirmation; `onCancel` also runs on Escape. */
export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  danger?: boolean;
}

/** Asks before a destructive action. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, danger = false }: ConfirmDialogProps) {
  const titleId = useId();
  const bodyId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancelRef.current?.focus();
    return () => opener?.focus();
  }, []);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onCancel();
    }
  };
  return (
    <div className="confirm" role="alertdialog" aria-modal="false" aria-labelledby={titleId} aria-describedby={bodyId} onKeyDown={onKeyDown}>
      <h3 id={titleId} className="confirm__title">
        {title}
      </h3>
      <div id={bodyId} className="confirm__body">
        {children}
      </div>
      <div className="confirm__actions">
        <button type="button" className="button" ref={cancelRef} onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className={`button ${danger ? 'button--danger' : 'button--primary'}`} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </div>
  );
}
