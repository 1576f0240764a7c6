/** Toasts (bottom right, gone after a few seconds) and the history panel behind the bell button. */
import { useEffect, useRef, useState } from 'react';
import { useNotificationStore, type AppNotification } from './notification-store';

function Item({ n, onDismiss }: { n: AppNotification; onDismiss?: () => void }) {
  return (
    <div className={`notification ${n.kind}`} data-testid={`notification-${n.kind}`}>
      <div className="notification-head">
        <span className="notification-kind" aria-hidden="true">
          {n.kind === 'success' ? '✓' : n.kind === 'failure' ? '✕' : 'i'}
        </span>
        <strong>{n.title}</strong>
        <span className="muted small-text">{new Date(n.at).toLocaleTimeString()}</span>
        {onDismiss && (
          <button type="button" className="small push-right" onClick={onDismiss} aria-label={`Dismiss: ${n.title}`}>
            ×
          </button>
        )}
      </div>
      {n.detail && <p className="notification-detail">{n.detail}</p>}
      {n.command && (
        <code className="notification-command" data-testid="notification-command">
          {n.command}
        </code>
      )}
    </div>
  );
}

export function Toasts() {
  const toasts = useNotificationStore((s) => s.toasts);
  const dismiss = useNotificationStore((s) => s.dismiss);
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label="Notifications">
      {toasts.map((t) => (
        <Item key={t.id} n={t} onDismiss={() => dismiss(t.id)} />
      ))}
    </div>
  );
}

export function NotificationHistoryButton() {
  const history = useNotificationStore((s) => s.history);
  const clear = useNotificationStore((s) => s.clearHistory);
  const [open, setOpen] = useState(false);
  const [seen, setSeen] = useState(0);
  const panel = useRef<HTMLDivElement>(null);
  const unseen = history.filter((h) => h.id > seen).length;
  useEffect(() => {
    if (open) panel.current?.focus();
  }, [open]);
  return (
    <div className="notification-history-wrap">
      <button
        type="button"
        className="small"
        aria-expanded={open}
        aria-controls="notification-history"
        onClick={() => {
          setOpen(!open);
          setSeen(history[0]?.id ?? 0);
        }}
      >
        Notifications{unseen > 0 ? ` (${unseen})` : ''}
      </button>
      {open && (
        <div id="notification-history" className="notification-history" ref={panel} tabIndex={-1} role="region" aria-label="Notification history" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <div className="notification-head">
            <strong>History</strong>
            <button type="button" className="small push-right" onClick={clear} disabled={!history.length}>
              Clear
            </button>
            <button type="button" className="small" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
          {history.length === 0 ? <p className="muted">Nothing yet. Each action you take appears here with its docker command.</p> : history.map((n) => <Item key={n.id} n={n} />)}
        </div>
      )}
    </div>
  );
}
