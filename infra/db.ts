import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from '../generated/prisma/client.ts';

export type Db = PrismaClient;

export function createDb(databaseUrl: string): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

/**
 * A value for a Json column: Prisma's input type wants an index signature, which an interface
 * lacks; widening to `object` satisfies it (an inline `as object` is misjudged by lint's
 * no-unnecessary-type-assertion).
 */
export const jsonValue = (value: object): Prisma.InputJsonValue => value;
