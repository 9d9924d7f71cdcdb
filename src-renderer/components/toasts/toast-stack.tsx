import type { ReactElement } from 'react';
import { useToastStore, type Toast } from '../../state/toast-store';

function ToastItem(props: { toast: Toast }): ReactElement {
  const dismiss = useToastStore((s) => s.dismiss);
  const { toast } = props;
  const urgent = toast.kind === 'halt' || toast.kind === 'error';
  return (
    <div
      className={`toast toast-${toast.kind}`}
      role={urgent ? 'alert' : 'status'}
      data-testid={`toast-${toast.kind}`}
    >
      <div className="toast-title">
        {toast.title}
        {toast.count > 1 && (
          <span className="toast-count" data-testid="toast-count" title="Times raised">
            ×{toast.count}
          </span>
        )}
      </div>
      <div className="toast-body">{toast.body}</div>
      <button
        type="button"
        className="toast-close"
        aria-label={`Dismiss: ${toast.title}`}
        onClick={() => dismiss(toast.id)}
      >
        ×
      </button>
    </div>
  );
}

/** Over the chart, clear of the kill panel and the KILL button (see .toast-stack). */
export function ToastStack(): ReactElement {
  const toasts = useToastStore((s) => s.toasts);
  return (
    <div className="toast-stack" aria-live="polite" data-testid="toast-stack">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}
