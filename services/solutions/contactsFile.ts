/*
 * A contacts CSV that arrives as bytes (a file sent in chat) is bounded and checked before the CSV
 * reader sees it: the template is a small text file, so anything larger than MAX_CSV_BYTES, anything
 * with NUL bytes (a spreadsheet, a PDF, a UTF-16 "Unicode text" export) and anything that is not valid
 * UTF-8 is refused whole, with the reason, and nothing is imported.
 */

/** 1 MiB: room for thousands of contacts; the bound applies before anything is read into memory. */
export const MAX_CSV_BYTES = 1024 * 1024;

/** Why a file is not read at all; `unreachable`: it could not be downloaded from Teams. */
export type FileProblem = 'tooLarge' | 'binary' | 'notUtf8' | 'unreachable';
export const FILE_PROBLEMS: readonly FileProblem[] = ['tooLarge', 'binary', 'notUtf8', 'unreachable'];

export type DecodedCsv = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: FileProblem };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeCsvFile(bytes: Uint8Array): DecodedCsv {
  if (bytes.byteLength > MAX_CSV_BYTES) return { ok: false, problem: 'tooLarge' };
  if (bytes.includes(0)) return { ok: false, problem: 'binary' };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, problem: 'notUtf8' };
  }
}
