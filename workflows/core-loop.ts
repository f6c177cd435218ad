import { ApplicationFailure, log } from '@temporalio/workflow';

// What every thin workflow shares around its pure core: the state, a queue of the effects the
// core asked for, and a version that the main loop compares with what it last published.
// Handlers only `apply`; the process's loop runs the queue as activities and publishes.

interface Refusal {
  code: string;
  message: string;
}

type Decide<State, Stimulus, Effect> = (
  state: State,
  stimulus: Stimulus,
  now: number,
) => { refusal: Refusal } | { state: State; effects: Effect[]; events: readonly object[] };

export abstract class CoreLoop<State, Stimulus, Effect> {
  state: State;
  /** Bumped by every transition; the main loop wakes when it moves past `publishedVersion`. */
  version = 1;
  publishedVersion = 0;
  protected readonly queue: Effect[] = [];

  protected constructor(
    first: { state: State; effects: Effect[] },
    private readonly decide: Decide<State, Stimulus, Effect>,
    private readonly eventLabel: string,
  ) {
    this.state = first.state;
    this.queue.push(...first.effects);
  }

  get idle(): boolean {
    return this.queue.length === 0 && this.version === this.publishedVersion;
  }

  /** Applies the core; a refused command (validators let none through) fails the update. */
  apply(stimulus: Stimulus): State {
    const result = this.decide(this.state, stimulus, Date.now());
    if ('refusal' in result) {
      throw ApplicationFailure.create({ type: result.refusal.code, message: result.refusal.message, nonRetryable: true });
    }
    this.state = result.state;
    this.queue.push(...result.effects);
    for (const event of result.events) log.debug(this.eventLabel, { ...event });
    this.version += 1;
    return this.state;
  }
}
