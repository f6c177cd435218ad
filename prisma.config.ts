import { defineConfig } from 'prisma/config';

// The CLI is used only for `prisma generate` and, on machines that can reach Prisma's
// binaries host, `prisma migrate status|deploy`; the service applies migrations itself
// (infra/migrate.ts) in the same layout and bookkeeping.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/maslahat' },
});
