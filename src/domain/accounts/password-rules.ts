/** The password rule, importable by client forms without pulling in the strength checker's dictionaries. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters and hard to guess: avoid common passwords, names and simple patterns. A few unrelated words work well.`;
