import { useEffect, type ReactElement } from 'react';
import { useToastStore, type Toast } from '../../state/toast-store';

/** How long a toast stays; halts and errors stay until dismissed. */
const AUTO_DISMISS_MS = 8000;

function ToastItem(props: { toast: Toast }): ReactElement {
  const dismiss = useToastStore((s) => s.dismiss);
  const { toast } = props;
  const sticky = toast.kind === 'halt' || toast.kind === 'error';
  useEffect(() => {
    if (sticky) return undefined;
    const timer = setTimeout(() => dismiss(toast.id), AUTO_DISMISS_MS);
    return () => clearTimeout(timer);
  }, [dismiss, sticky, toast.id]);
  return (
    <div
      className={`toast toast-${toast.kind}`}
      role={sticky ? 'alert' : 'status'}
      data-testid={`toast-${toast.kind}`}
    >
      <div className="toast-title">{toast.title}</div>
      <div className="toast-body">{toast.body}</div>
      <button
        type="button"
        className="toast-close"
        aria-label="Dismiss"
        onClick={() => dismiss(toast.id)}
      >
        ×
      </button>
    </div>
  );
}

export function ToastStack(): ReactElement {
  const toasts = useToastStore((s) => s.toasts);
  return (
    <div className="toast-stack" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}
