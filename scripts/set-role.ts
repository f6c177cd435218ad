import { z } from 'zod';
import { createDb } from '../infra/db.ts';
import { DEFAULT_EMBEDDED_PG_PORT, embeddedPostgresUrl, SERVICE_DATABASE } from '../infra/embedded-postgres-url.ts';

// `npm run user:role -- <email> <role>`: the way to make the first admin (the API lets only
// admins grant roles), and to make operators and specialists by hand on a fresh install.
const Args = z.tuple([z.email(), z.enum(['client', 'specialist', 'admin', 'operator'])]);
const parsed = Args.safeParse(process.argv.slice(2));
if (!parsed.success) {
  console.error('usage: npm run user:role -- <email> <client|specialist|admin|operator>');
  process.exit(2);
}
const [email, role] = parsed.data;
// Without DATABASE_URL: the embedded database `npm start` runs (it must be running).
const databaseUrl =
  process.env.DATABASE_URL ?? embeddedPostgresUrl(Number(process.env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PG_PORT), SERVICE_DATABASE);
const db = createDb(databaseUrl);
try {
  const updated = await db.user.updateMany({ where: { email: email.toLowerCase() }, data: { role } });
  if (updated.count === 0) {
    console.error(`no user with e-mail ${email}: register first`);
    process.exitCode = 1;
  } else {
    console.log(`${email} is now ${role}`);
  }
} finally {
  await db.$disconnect();
}
