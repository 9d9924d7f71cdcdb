import { create, type StoreApi, type UseBoundStore } from 'zustand';

export type ToastKind = 'prime' | 'fill' | 'rejection' | 'halt' | 'error' | 'info';

export interface Toast {
  readonly id: number;
  readonly kind: ToastKind;
  readonly title: string;
  readonly body: string;
  /** How many times this same toast was raised while it was on screen. */
  readonly count: number;
}

interface ToastState {
  toasts: readonly Toast[];
  /** Shows a toast; the same kind, title and body again raises the count of the one shown. */
  push(kind: ToastKind, title: string, body: string): number;
  dismiss(id: number): void;
  /** Removes every toast of a kind (the HALTED toast once trading is re-armed). */
  dismissKind(kind: ToastKind): void;
}

/** Runs `run` after `ms`; returns a cancel. Injected so tests drive time themselves. */
export type Timer = (run: () => void, ms: number) => () => void;

/** Newest first; at most this many stay on screen so a burst of fills cannot bury a halt. */
export const MAX_TOASTS = 5;

/**
 * How long a toast stays on its own. Errors stay until dismissed: they say something failed.
 * A halt stays while HALTED (the banner says it too) and leaves when re-armed.
 */
export const TOAST_LIFETIME_MS: Readonly<Record<ToastKind, number | null>> = {
  info: 5000,
  fill: 6000,
  prime: 8000,
  rejection: 10_000,
  halt: null,
  error: null,
};

export function createToastStore(timer: Timer): UseBoundStore<StoreApi<ToastState>> {
  let nextId = 1;
  const timers = new Map<number, () => void>();
  return create<ToastState>()((set, get) => {
    const forget = (id: number): void => {
      timers.get(id)?.();
      timers.delete(id);
    };
    const arm = (id: number, kind: ToastKind): void => {
      forget(id);
      const lifetime = TOAST_LIFETIME_MS[kind];
      if (lifetime !== null)
        timers.set(
          id,
          timer(() => get().dismiss(id), lifetime),
        );
    };
    return {
      toasts: [],
      push: (kind, title, body) => {
        const same = get().toasts.find(
          (t) => t.kind === kind && t.title === title && t.body === body,
        );
        if (same !== undefined) {
          // A repeat moves to the top with its count, and its time on screen starts again.
          const raised = { ...same, count: same.count + 1 };
          set((s) => ({ toasts: [raised, ...s.toasts.filter((t) => t.id !== same.id)] }));
          arm(same.id, kind);
          return same.id;
        }
        const id = nextId++;
        const toasts = [{ id, kind, title, body, count: 1 }, ...get().toasts];
        for (const dropped of toasts.slice(MAX_TOASTS)) forget(dropped.id);
        set({ toasts: toasts.slice(0, MAX_TOASTS) });
        arm(id, kind);
        return id;
      },
      dismiss: (id) => {
        forget(id);
        set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
      },
      dismissKind: (kind) => {
        for (const t of get().toasts) if (t.kind === kind) forget(t.id);
        set((s) => ({ toasts: s.toasts.filter((t) => t.kind !== kind) }));
      },
    };
  });
}

export const useToastStore = createToastStore((run, ms) => {
  const handle = setTimeout(run, ms);
  return () => clearTimeout(handle);
});
