import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MIN_LENGTH } from './password-rules';

export { PASSWORD_HINT, PASSWORD_MIN_LENGTH } from './password-rules';

/**
 * Password policy for every new password (sign-up, agent creation, password change): at least 10
 * characters and a zxcvbn strength score of at least 3 of 4, which refuses common passwords, keyboard
 * walks, repeats and variations of the user's own name, email or workspace.
 */
export const PASSWORD_MIN_SCORE = 3;

let zxcvbn: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  // Built on first use: loading the dictionaries takes a few milliseconds.
  zxcvbn ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return zxcvbn;
}

/** Null when acceptable, else the reason in plain words. `context` holds the user's name, email, workspace. */
export function passwordProblem(password: string, context: (string | undefined | null)[] = []): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters`;
  if (!password.trim()) return 'The password cannot be only spaces';
  const inputs = context.filter((c): c is string => Boolean(c)).flatMap((c) => [c, ...c.split(/[@\s.]+/)]);
  const result = estimator().check(password.slice(0, 100), inputs);
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  return 'This password is too easy to guess. Avoid common passwords, names and simple patterns; a few unrelated words work well';
}
