import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

// engine 'js' selects Prisma 6's WebAssembly schema engine, which needs no download. The
// adapter is never connected: only `migrate diff --from-empty --to-schema-datamodel` is used.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
