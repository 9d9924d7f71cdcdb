/** Where the installed Electron binary is, or null when there is none (see electron-binary.mjs). */
export declare function electronBinary(from: string): string | null;
