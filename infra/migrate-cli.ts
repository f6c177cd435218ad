import { z } from 'zod';
import { migrate } from './migrate.ts';

// `npm run db:migrate`: applies pending migrations to DATABASE_URL (used by docker-compose).
const { DATABASE_URL } = z.object({ DATABASE_URL: z.url() }).parse(process.env);
const result = await migrate(DATABASE_URL);
console.log(`migrations applied: ${result.applied.length}, already applied: ${result.alreadyApplied.length}`);
