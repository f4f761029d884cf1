import bcrypt from 'bcryptjs';

// Cost 10 keeps sign-in around 60 ms on this class of machine while staying well above brute-force range.
const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
