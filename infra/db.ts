import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from '../generated/prisma/client.ts';

export type Db = PrismaClient;

/**
 * `connectTimeoutMs`: how long to wait for a connection to PostgreSQL (pg's default is to wait
 * for ever, so a server that stops answering would hang every request instead of a 503).
 */
export function createDb(databaseUrl: string, options: { connectTimeoutMs?: number } = {}): Db {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000 }),
  });
}

/**
 * A value for a Json column: Prisma's input type wants an index signature, which an interface
 * lacks; widening to `object` satisfies it (an inline `as object` is misjudged by lint's
 * no-unnecessary-type-assertion).
 */
export const jsonValue = (value: object): Prisma.InputJsonValue => value;
