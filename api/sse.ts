import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.ts';
import type { Wake } from '../services/conversations/live-feed.ts';

// Server-Sent Events (text/event-stream) over rows numbered by a global seq: the event id is
// the seq, so a client that reconnects with `Last-Event-ID` gets exactly what it missed (read
// from the database), then the live rows. The stream subscribes before its first read, so a row
// committed in between is never lost; every wake re-reads from the last seq sent.

export const HEARTBEAT_MS = 15_000;
const RETRY_MS = 3000;
const BATCH = 100;
/** A client this far behind is cut off; it reconnects with Last-Event-ID and catches up from the table. */
const MAX_BUFFERED_BYTES = 1 << 20;

export interface EventSource<Row extends { seq: bigint }> {
  /** The seq after which to start. */
  after: bigint;
  subscribe(wake: Wake): Promise<() => void>;
  readAfter(after: bigint, limit: number): Promise<Row[]>;
  event(row: Row): { event: string; data: unknown };
}

/** The open streams of one app, so that closing the app ends them (and its close does not wait on them). */
export class EventStreams {
  private readonly open = new Set<() => void>();

  get size(): number {
    return this.open.size;
  }

  endAll(): void {
    for (const end of [...this.open]) end();
  }

  async stream<Row extends { seq: bigint }>(request: FastifyRequest, reply: FastifyReply, source: EventSource<Row>): Promise<void> {
    let cursor = source.after;
    let ended = false;
    let started = false;
    let running = false;
    let again = false;
    const raw = reply.raw;

    const pump = async (): Promise<void> => {
      if (running || !started) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          let rows: Row[];
          do {
            rows = await source.readAfter(cursor, BATCH);
            for (const row of rows) {
              if (ended) return;
              const { event, data } = source.event(row);
              raw.write(`id: ${row.seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
              cursor = row.seq;
            }
            if (raw.writableLength > MAX_BUFFERED_BYTES) return end();
          } while (rows.length === BATCH && !ended);
        } while (again && !ended);
      } catch (error) {
        request.log.warn({ err: error }, 'event stream failed; the client will reconnect');
        end();
      } finally {
        running = false;
      }
    };
    const wake = () => void pump();

    let unsubscribe: () => void;
    try {
      unsubscribe = await source.subscribe(wake);
    } catch (error) {
      throw new DomainError('DEPENDENCY_UNAVAILABLE', 'Live delivery is unavailable just now; try again shortly.', undefined, error);
    }
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(end);
      raw.end();
    };
    this.open.add(end);
    raw.on('close', end);

    reply.hijack();
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: ${RETRY_MS}\n\n`);
    // The client may have gone while the stream was being set up: its 'close' has passed.
    if (request.raw.destroyed || raw.destroyed) return end();
    started = true;
    await pump();
  }
}

/** Where a stream resumes: the `Last-Event-ID` header a reconnecting EventSource sends, else `?after=`. */
export function resumeAfter(request: FastifyRequest, after: bigint | undefined): bigint | undefined {
  const header = request.headers['last-event-id'];
  if (header === undefined || header === '') return after;
  if (typeof header !== 'string' || !/^\d{1,18}$/.test(header)) {
    throw new DomainError('VALIDATION_FAILED', 'Last-Event-ID must be the id of an event this stream sent.', [
      { path: 'last-event-id', message: 'must be a message seq' },
    ]);
  }
  return BigInt(header);
}
