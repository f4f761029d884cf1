import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

/**
 * Loads `.env` from the repository root into process.env without overriding variables that are already
 * set. Importing this module loads it as a side effect, so import it first in a script, before anything
 * that reads the environment at import time.
 */
export function loadDotEnv(file = path.resolve(import.meta.dirname, '..', '.env')): void {
  if (!existsSync(file)) return;
  const values = parseEnv(readFileSync(file, 'utf8'));
  for (const [key, value] of Object.entries(values)) {
    if (process.env[key] === undefined && value !== undefined) process.env[key] = value;
  }
}

loadDotEnv();
