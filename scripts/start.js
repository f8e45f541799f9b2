#!/usr/bin/env node
/*
 * npm start: run the compiled bot at once. `npm install` compiles it (the `prepare` script); this
 * compiles again only when a source file is newer than the last build — after a pull or an edit — so a
 * plain start costs no compiler run. Plain JavaScript on purpose: it must run before anything is
 * compiled.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-stamp');
const ENTRY = join(DIST, 'bot', 'index.js');
/** What tsconfig.build.json compiles, and the files that change how it compiles. */
const SOURCE_DIRS = ['bot', 'cards', 'dialogs', 'services'];
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newestSourceMtime() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) visit(join(ROOT, dir));
  for (const file of CONFIG_FILES) if (existsSync(join(ROOT, file))) newest = Math.max(newest, statSync(join(ROOT, file)).mtimeMs);
  return newest;
}

function upToDate() {
  return existsSync(ENTRY) && existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestSourceMtime();
}

/** Compile with the project's TypeScript, then stamp the build with the time it started. */
function compile() {
  const started = new Date();
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
  writeFileSync(STAMP, `${started.toISOString()}\n`);
  // A source saved while the compiler ran is newer than the stamp, so the next start compiles again.
  const t = started.getTime() / 1000;
  utimesSync(STAMP, t, t);
}

if (process.argv.includes('--compile')) {
  compile();
} else {
  if (!upToDate()) {
    process.stderr.write('Sources changed since the last build: compiling first.\n');
    compile();
  }
  require(ENTRY).main().catch((err) => {
    process.stderr.write(`Failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
