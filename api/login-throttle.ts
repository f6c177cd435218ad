import { DomainError } from '../domain/errors.ts';

// Issue 14: login is also throttled per address, counting failed attempts only, so one address
// cannot try one password against many e-mails (password spraying) while the per address +
// e-mail limit (api/routes/accounts/auth.ts) stops guessing at one account. Successful logins
// do not count: an office behind one NAT address can still sign in. Kept in memory per API
// process, like @fastify/rate-limit's default store.

const MAX_TRACKED = 10_000;

export class LoginFailures {
  private readonly windows = new Map<string, { startedAt: number; failures: number }>();

  constructor(
    private readonly maxPerWindow: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Refuses with 429 and Retry-After while `address` has used up its failures for the window. */
  check(address: string): void {
    const window = this.current(address);
    if (!window || window.failures < this.maxPerWindow) return;
    const seconds = Math.max(1, Math.ceil((window.startedAt + this.windowMs - this.now()) / 1000));
    const error = new DomainError('RATE_LIMITED', `Too many failed logins from this address; try again in ${seconds} s.`);
    error.retryAfterSeconds = seconds;
    throw error;
  }

  recordFailure(address: string): void {
    const window = this.current(address);
    if (window) {
      window.failures += 1;
      return;
    }
    if (this.windows.size >= MAX_TRACKED) this.forgetExpired();
    this.windows.set(address, { startedAt: this.now(), failures: 1 });
  }

  private current(address: string) {
    const window = this.windows.get(address);
    if (window && window.startedAt + this.windowMs <= this.now()) {
      this.windows.delete(address);
      return undefined;
    }
    return window;
  }

  private forgetExpired(): void {
    for (const address of [...this.windows.keys()]) this.current(address);
  }
}
