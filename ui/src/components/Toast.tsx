// Transient messages in the corner: success, information or a problem that needs no action now.
// Screens call `useToast().show(...)`; each toast leaves after a few seconds or when closed.

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Icon } from './Icon';

export type ToastTone = 'info' | 'success' | 'error';

export interface ToastInput {
  tone?: ToastTone;
  text: string;
  /** Milliseconds before it leaves by itself; 0 keeps it until closed. */
  duration?: number;
}

interface ToastItem {
  id: number;
  tone: ToastTone;
  text: string;
  duration: number;
}

interface ToastApi {
  show: (toast: ToastInput) => void;
}

const ToastContext = createContext<ToastApi>({ show: () => {} });

export function useToast(): ToastApi {
  return useContext(ToastContext);
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((all) => all.filter((t) => t.id !== id));
  }, []);

  const show = useCallback((input: ToastInput) => {
    const item: ToastItem = {
      id: nextId.current++,
      tone: input.tone ?? 'info',
      text: input.text,
      duration: input.duration ?? 6000,
    };
    // Keep the corner calm: at most three at once.
    setToasts((all) => [...all.slice(-2), item]);
  }, []);

  const api = useMemo(() => ({ show }), [show]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="region" aria-label="Notifications">
        {toasts.map((t) => (
          <Toast key={t.id} item={t} onClose={() => dismiss(t.id)} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

function Toast({ item, onClose }: { item: ToastItem; onClose: () => void }) {
  useEffect(() => {
    if (item.duration <= 0) return;
    const timer = window.setTimeout(onClose, item.duration);
    return () => window.clearTimeout(timer);
  }, [item.duration, onClose]);

  const icon = item.tone === 'success' ? 'check' : item.tone === 'error' ? 'alert' : 'info';
  return (
    <div
      className={`toast toast--${item.tone}`}
      role={item.tone === 'error' ? 'alert' : 'status'}
      data-testid="toast"
    >
      <span className="toast__icon">
        <Icon name={icon} />
      </span>
      <p className="toast__text">{item.text}</p>
      <button type="button" className="icon-btn" onClick={onClose} aria-label="Dismiss">
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}
