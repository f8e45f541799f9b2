/*
 * Import first: hides the one warning `npm start` also hides (--disable-warning=DEP0111, restify's
 * use of process.binding) and prints every other warning the way Node does.
 */
const HIDDEN = new Set(['DEP0111']);

process.removeAllListeners('warning');
process.on('warning', (warning: Error & { code?: string }) => {
  if (warning.code && HIDDEN.has(warning.code)) return;
  process.stderr.write(`(node:${process.pid}) ${warning.code ? `[${warning.code}] ` : ''}${warning.name}: ${warning.message}\n`);
});
