import { format } from 'node:util';

/** One JSON line per event on stdout/stderr: easy to read locally, easy to ship to any log service. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface LogSink {
  write(line: string): void;
}

function errorFields(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, ...(value.stack ? { stack: value.stack } : {}), ...((value as { code?: unknown }).code ? { code: (value as { code?: unknown }).code } : {}) };
  }
  return value;
}

export function createLogger(level: LogLevel, sink?: LogSink, bindings: Record<string, unknown> = {}): Logger {
  const threshold = RANK[level];
  const emit = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>) => {
    if (RANK[lvl] < threshold) return;
    const record: Record<string, unknown> = { time: new Date().toISOString(), level: lvl, msg, ...bindings };
    for (const [k, v] of Object.entries(fields ?? {})) record[k] = errorFields(v);
    const line = JSON.stringify(record) + '\n';
    if (sink) sink.write(line);
    else (lvl === 'error' || lvl === 'warn' ? process.stderr : process.stdout).write(line);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(level, sink, { ...bindings, ...fields }),
  };
}

export const silentLogger: Logger = createLogger('silent');

export interface ConsoleRouting {
  /** Lines logged per minute at the most; the rest are counted and said once the minute is over. */
  readonly perMinute?: number;
  /** Milliseconds since the epoch; the test's clock. */
  readonly now?: () => number;
}

/** A library's line is cut to this many characters (a stack, a key in PEM). */
const LIBRARY_LINE_MAX = 1000;

/**
 * Libraries print to the console: botbuilder prints a stack for every expired token and the channel's
 * public key for every token whose signature does not verify — on every such request, so a stream of
 * forged tokens could fill the log. In the bot's process that output becomes log lines like ours (one
 * JSON line, level warn, "library output"), cut to 1,000 characters and at most `perMinute` (20) a
 * minute; what is dropped is counted in one line when the minute is over. Returns what puts the
 * console back.
 */
export function routeConsole(logger: Logger, options: ConsoleRouting = {}): () => void {
  const perMinute = options.perMinute ?? 20;
  const now = options.now ?? Date.now;
  const original = { error: console.error, warn: console.warn };
  let minuteStart = now();
  let logged = 0;
  let dropped = 0;
  const route = (...args: unknown[]): void => {
    const at = now();
    if (at - minuteStart >= 60_000) {
      if (dropped > 0) logger.warn('library output dropped', { lines: dropped, perMinute });
      minuteStart = at;
      logged = 0;
      dropped = 0;
    }
    if (logged >= perMinute) {
      dropped++;
      return;
    }
    logged++;
    const text = format(...args);
    logger.warn('library output', { text: text.length > LIBRARY_LINE_MAX ? `${text.slice(0, LIBRARY_LINE_MAX)}…` : text });
  };
  console.error = route;
  console.warn = route;
  return () => {
    console.error = original.error;
    console.warn = original.warn;
  };
}
