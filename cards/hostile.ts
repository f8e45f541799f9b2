/**
 * What an attacker types into every free-text field, for the card galleries and tests: a Markdown
 * link that hides its target, bold, a list marker at the start of a line, HTML, a template
 * expression, a right-to-left override (U+202E shows "gnp.exe" as "exe.png") and a zero-width joiner
 * inside a word. 99 characters, so that it fits every free-text field of the domain (the shortest
 * allow 100); no leading or trailing space, which validation would trim.
 */
export const HOSTILE = '**URGENT** [re-verify your account](https://evil.example/login)\n- <b>x</b> ${secret} \u202Egnp.exe\u202C W\u200Dho';

/** What a reader must see of HOSTILE wherever it is shown: its words, as plain text. */
export const HOSTILE_VISIBLE = ['URGENT', 're-verify your account', 'https://evil.example/login', '<b>x</b>', '${secret}', 'gnp.exe', 'Who'] as const;
