import type { TeamMember } from './model';

/**
 * A deal's team with `people` added: someone already on it (same email) is replaced by what was given
 * now, keeping their user id and, when none was given, their phone; newcomers come last.
 */
export function withPeople(team: readonly TeamMember[], people: readonly TeamMember[]): TeamMember[] {
  const out = [...team];
  for (const person of people) {
    const at = out.findIndex((t) => t.email.toLowerCase() === person.email.toLowerCase());
    if (at < 0) {
      out.push(person);
      continue;
    }
    const known = out[at]!;
    const phone = person.phone ?? known.phone;
    const userId = person.userId ?? known.userId;
    out[at] = { ...person, ...(phone !== undefined ? { phone } : {}), ...(userId !== undefined ? { userId } : {}) };
  }
  return out;
}
