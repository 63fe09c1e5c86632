import { useEffect, useId, useRef, type ReactNode } from 'react';
import { t } from '../i18n/index.ts';

/**
 * A modal confirmation on the native <dialog>: focus moves into it and is trapped, Escape cancels,
 * focus returns to the opener on close.
 */
export function ConfirmDialog(p: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  danger?: boolean;
  busy?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const openRef = useRef(p.open);
  openRef.current = p.open;

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (p.open && !d.open) d.showModal();
    if (!p.open && d.open) d.close();
  }, [p.open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={p.children ? bodyId : undefined}
      onClose={() => openRef.current && p.onCancel()}
    >
      <h2 id={titleId}>{p.title}</h2>
      {p.children && (
        <div id={bodyId} className="dialog-body">
          {p.children}
        </div>
      )}
      <div className="row end">
        {/* A destructive action starts on Cancel, so a stray Enter never deletes or gives up anything. */}
        <button type="button" className="btn secondary" onClick={p.onCancel} disabled={p.busy} autoFocus={p.danger}>
          {t.cancel}
        </button>
        <button type="button" className={`btn ${p.danger ? 'danger' : 'primary'}`} onClick={p.onConfirm} disabled={p.busy} autoFocus={!p.danger}>
          {p.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
