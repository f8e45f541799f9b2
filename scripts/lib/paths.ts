import { resolve } from 'node:path';

/** The repository root, whatever the working directory the script was started from. */
export const ROOT = resolve(__dirname, '..', '..');
