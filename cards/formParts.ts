import type { z } from 'zod';
import type { Solution, TeamMember } from '../services/domain/model';
import type { Refusal } from '../services/domain/result';
import { describeRefusal, fieldErrors, type FieldErrors, type Translator } from '../services/i18n';
import type { Choice } from './dealStatus';

/*
 * Pieces the deal forms share (creation steps, edit, invitations): reading what a card's inputs sent
 * (always strings) into the shape the domain's schemas read, and putting each error back beside the
 * input it belongs to. No rule is decided here: the domain's schemas and rules do that.
 */

export type FormValues = Readonly<Record<string, unknown>>;

export const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

/** A multi-select ChoiceSet sends its values joined by commas. */
export function picked(v: unknown): string[] {
  return str(v)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Errors of a zod error and/or a refusal, by form field. `fields` maps a schema path (or refusal code) to an input. */
export function errorsByField(tr: Translator, error: z.ZodError | undefined, map: (path: string) => string | undefined, refusal?: { refusal: Refusal; field: string }): FieldErrors {
  const out: FieldErrors = {};
  if (error) {
    for (const [path, message] of Object.entries(fieldErrors(error, tr))) {
      const field = map(path) ?? '_';
      if (!out[field]) out[field] = message;
    }
  }
  if (refusal && !out[refusal.field]) out[refusal.field] = describeRefusal(refusal.refusal, tr);
  return out;
}

// ---------- team rows ----------

export interface TeamRow {
  index: number;
  name: string;
  phone: string;
  email: string;
  nameError: string;
  phoneError: string;
  emailError: string;
}

export type TypedPerson = { name: string; phone: string; email: string };

/** A teammate as a form row; no phone is an empty field. */
export const personOf = (t: TeamMember): TypedPerson => ({ name: t.name, phone: t.phone ?? '', email: t.email });

export function typedTeamRows(typed: FormValues, count: number): TypedPerson[] {
  return Array.from({ length: count }, (_, i) => ({
    name: str(typed[`team${i}Name`]).trim(),
    phone: str(typed[`team${i}Phone`]).trim(),
    email: str(typed[`team${i}Email`]).trim(),
  }));
}

const filled = (r: TypedPerson) => Boolean(r.name || r.phone || r.email);

/** The non-empty rows, in order (empty rows are left out before validation). */
export function teamFromRows(rows: readonly TypedPerson[]): TypedPerson[] {
  return rows.filter(filled);
}

/**
 * Rows for a form: what was typed (after an error), else the defaults; each error put beside its row.
 * `offset` is the number of team entries validated before the typed rows (e.g. picked contacts).
 */
export function teamRowsFor(count: number, rows: readonly TypedPerson[], errors: FieldErrors, offset = 0): TeamRow[] {
  const isFilled = rows.map(filled);
  return Array.from({ length: count }, (_, index) => {
    const row = rows[index] ?? { name: '', phone: '', email: '' };
    const position = isFilled[index] ? offset + isFilled.slice(0, index).filter(Boolean).length : undefined;
    const err = (field: string) => (position === undefined ? '' : (errors[`team.${position}.${field}`] ?? ''));
    return { index, ...row, nameError: err('name'), phoneError: err('phone'), emailError: err('email') };
  });
}

/** Attach the member's user id to the row that is them, so the team lists them by id as well as by email. */
export function withUserIds(people: readonly TypedPerson[], known: readonly Pick<TeamMember, 'email' | 'userId'>[]): Record<string, unknown>[] {
  return people.map((p) => {
    const match = known.find((k) => k.userId && k.email.toLowerCase() === p.email.toLowerCase());
    return match ? { ...p, userId: match.userId } : { ...p };
  });
}

/**
 * The rows of a form that shows a deal's team, as the team's schema reads them: a teammate the bot
 * added without a phone (a referral handed to them) may stay so while nobody types one; every other
 * row carries its phone, so a row typed without one is refused beside its field.
 */
export function teamOfRows(people: readonly TypedPerson[], team: readonly TeamMember[]): Record<string, unknown>[] {
  return withUserIds(people, team).map((row) => {
    const known = team.find((t) => t.email.toLowerCase() === String(row.email).toLowerCase());
    if (row.phone !== '' || !known || known.phone !== undefined) return row;
    const { phone: _none, ...rest } = row;
    return rest;
  });
}

// ---------- solutions typed by name ----------

/** "Azure Migrate" per line, for Microsoft's solutions. */
export function microsoftSolutionsFrom(text: unknown): Solution[] {
  return lines(text).map((name) => ({ kind: 'microsoft', name, publisher: 'Microsoft' }));
}

/** "Tailspin Backup (Tailspin Toys)" per line: a third party's solution and, in brackets, its publisher. */
export function thirdPartySolutionsFrom(text: unknown): Solution[] {
  return lines(text).map((line) => {
    const m = /^(.*\S)\s*\(([^()]+)\)$/.exec(line);
    return m ? { kind: 'thirdParty', name: m[1]!, publisher: m[2]!.trim() } : { kind: 'thirdParty', name: line };
  });
}

export function solutionLines(solutions: readonly Solution[], kind: 'microsoft' | 'thirdParty'): string {
  return solutions
    .filter((s) => s.kind === kind)
    .map((s) => (kind === 'thirdParty' && s.publisher ? `${s.name} (${s.publisher})` : s.name))
    .join('\n');
}

function lines(text: unknown): string[] {
  return str(text)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

export function solutionChoices(solutions: readonly Solution[], label: (s: Solution) => string): Choice[] {
  return solutions.map((s, i) => ({ value: String(i), title: label(s) }));
}
