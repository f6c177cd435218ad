import { hash, verify } from '@node-rs/argon2';

// Argon2id (memory-hard), the library's defaults follow OWASP's minimum (19 MiB, t=2).
export const hashPassword = (password: string): Promise<string> => hash(password);

// A hash of a random password, verified against when the e-mail is unknown, so that a login
// for a missing account takes as long as one with a wrong password (no account probing).
const decoyHash = hash(crypto.randomUUID());

export async function passwordMatches(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (passwordHash === undefined) {
    await verify(await decoyHash, password);
    return false;
  }
  return verify(passwordHash, password);
}
