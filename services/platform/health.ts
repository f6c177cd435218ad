import type { Db } from '../../infra/db.ts';

/** /readyz: the database answers a trivial query. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}
