import { create } from 'zustand';

export type ToastKind = 'prime' | 'fill' | 'rejection' | 'halt' | 'error' | 'info';

export interface Toast {
  readonly id: number;
  readonly kind: ToastKind;
  readonly title: string;
  readonly body: string;
}

interface ToastState {
  toasts: readonly Toast[];
  push(kind: ToastKind, title: string, body: string): number;
  dismiss(id: number): void;
}

/** Newest first; at most this many stay on screen so a burst of fills cannot bury a halt. */
const MAX_TOASTS = 6;
let nextId = 1;

export const useToastStore = create<ToastState>()((set) => ({
  toasts: [],
  push: (kind, title, body) => {
    const id = nextId++;
    set((s) => ({ toasts: [{ id, kind, title, body }, ...s.toasts].slice(0, MAX_TOASTS) }));
    return id;
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));
