// Issue 14: how "the database is away" surfaces through Prisma 7 + @prisma/adapter-pg, as
// provoked in test/api/edges.test.ts (a closed port, a server that drops or never answers
// connections, a backend terminated by the administrator):
//   - model queries: PrismaClientKnownRequestError P1001 "Can't reach database server";
//   - raw queries: P2010 whose meta.driverAdapterError.cause has kind DatabaseNotReachable
//     or kind postgres with a connection-class SQLSTATE (08…, 57P01–57P03, 53300);
//   - a connection dropped or timed out: node-postgres's plain Error "Connection terminated
//     unexpectedly" / "… due to connection timeout"; a full pool: P2024 / P2028 (timeouts).
// The API answers all of them 503 with Retry-After instead of 500 (api/plugins/problem-details.ts).

const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
const UNAVAILABLE_ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const UNAVAILABLE_SQLSTATE = /^(08|57P0[123]$|53300$)/;
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);
const UNAVAILABLE_MESSAGES =
  /Can't reach database server|Connection terminated|timeout exceeded when trying to connect|Server has closed the connection|Connection closed/i;

interface Probe {
  code?: unknown;
  message?: unknown;
  kind?: unknown;
  meta?: { driverAdapterError?: { cause?: Probe } };
  cause?: unknown;
  errors?: unknown;
}

/** True when `error` (or what caused it) says PostgreSQL cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 5) return false;
  const probe = error as Probe;
  if (typeof probe.code === 'string') {
    if (UNAVAILABLE_PRISMA_CODES.has(probe.code) || UNAVAILABLE_NODE_CODES.has(probe.code)) return true;
  }
  const adapterCause = probe.meta?.driverAdapterError?.cause;
  if (adapterCause) {
    if (typeof adapterCause.kind === 'string' && UNAVAILABLE_ADAPTER_KINDS.has(adapterCause.kind)) return true;
    if (adapterCause.kind === 'postgres' && typeof adapterCause.code === 'string' && UNAVAILABLE_SQLSTATE.test(adapterCause.code))
      return true;
  }
  if (typeof probe.message === 'string' && UNAVAILABLE_MESSAGES.test(probe.message)) return true;
  // An AggregateError (several addresses refused) or an error wrapping its cause.
  if (Array.isArray(probe.errors) && probe.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(probe.cause, depth + 1);
}
