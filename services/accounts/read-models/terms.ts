import type { Db } from '../../../infra/db.ts';
import { currentTerms } from '../terms.ts';

// ACC-5: the Terms in force and when this user accepted them (null: not yet).
export async function termsFor(db: Db, userId: string) {
  const terms = await currentTerms(db);
  const accepted = await db.termsAcceptance.findUnique({ where: { userId_version: { userId, version: terms.version } } });
  return { terms, acceptedAt: accepted?.acceptedAt ?? null };
}
