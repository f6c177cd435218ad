import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';

// ACC-5: the Terms in force are the latest published version; acceptance of that exact
// version, with its time, is recorded per user.

export async function currentTerms(db: Db) {
  const terms = await db.termsVersion.findFirst({ where: { publishedAt: { lte: new Date() } }, orderBy: { publishedAt: 'desc' } });
  if (!terms) throw new DomainError('NOT_FOUND', 'No Terms have been published yet.');
  return terms;
}

export async function acceptTerms(db: Db, userId: string, version: string) {
  const current = await currentTerms(db);
  if (current.version !== version) {
    throw new DomainError('TERMS_VERSION_NOT_CURRENT', `The current Terms version is ${current.version}.`, [
      { path: 'version', message: `must be ${current.version}` },
    ]);
  }
  return db.termsAcceptance.upsert({
    where: { userId_version: { userId, version } },
    create: { userId, version },
    update: {},
  });
}

export async function hasAcceptedCurrentTerms(db: Db, userId: string): Promise<boolean> {
  const current = await currentTerms(db);
  const accepted = await db.termsAcceptance.findUnique({ where: { userId_version: { userId, version: current.version } } });
  return accepted !== null;
}

export async function publishTerms(db: Db, input: { version: string; url: string; publishedAt?: Date }) {
  if (await db.termsVersion.findUnique({ where: { version: input.version } })) {
    throw new DomainError('TERMS_VERSION_EXISTS', `Terms version ${input.version} already exists.`);
  }
  return db.termsVersion.create({ data: { version: input.version, url: input.url, publishedAt: input.publishedAt ?? new Date() } });
}
