import { dialog, type BrowserWindow } from 'electron';
import type { QuitChoice, QuitQuestion } from '../engine/lifecycle/quit-flow';

/** The quit question as a native dialog; the kill-first button is the default. */
export async function askQuit(
  window: BrowserWindow | undefined,
  question: QuitQuestion,
): Promise<QuitChoice> {
  const options = {
    type: 'warning' as const,
    buttons: question.choices.map((c) => c.label),
    defaultId: 0,
    cancelId: question.choices.findIndex((c) => c.choice === 'cancel'),
    message: question.message,
    detail: question.detail,
    noLink: true,
  };
  const answer =
    window === undefined || window.isDestroyed()
      ? await dialog.showMessageBox(options)
      : await dialog.showMessageBox(window, options);
  return question.choices[answer.response]?.choice ?? 'cancel';
}
