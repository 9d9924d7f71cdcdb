import { z } from 'zod';

/** How the desktop app lives: close to the tray or quit, and whether the trader was told. */
export const DesktopSettingsSchema = z
  .object({
    /** Closing the window keeps the engine running in the tray. */
    closeToTray: z.boolean(),
    /** The one-time notice "Vigil keeps running in the tray" was shown. */
    trayNoticeShown: z.boolean(),
  })
  .strict();
export type DesktopSettings = z.infer<typeof DesktopSettingsSchema>;

/**
 * The desktop app's settings, kept in the data folder, so the cockpit of `vigil serve` on the
 * same folder edits what the app will do. Only the trader's choice is settable; whether the
 * tray notice was shown is the app's own bookkeeping.
 */
export const desktopCommands = {
  getDesktopSettings: { input: z.object({}).strict(), output: DesktopSettingsSchema },
  setDesktopSettings: {
    input: z.object({ changes: z.object({ closeToTray: z.boolean() }).strict() }).strict(),
    output: DesktopSettingsSchema,
  },
} as const;

export const desktopEvents = {
  desktopSettingsChanged: DesktopSettingsSchema,
} as const;
