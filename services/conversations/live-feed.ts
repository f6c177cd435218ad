import pg from 'pg';

// Live delivery across API instances: one LISTEN connection per process. Every insert into
// conversation_messages sends NOTIFY `<conversation id>:<seq>` at commit (migration
// `conversation_live_feed`; never text), whichever process wrote it — an API instance or a
// worker's activity. The feed wakes this process's subscribers of that conversation (and of its
// participants' cabinet streams); each then reads what it has not sent yet from the table, so a
// lost or coalesced notification costs nothing but latency.

export const MESSAGE_CHANNEL = 'conversation_messages';

/** Called when there may be something new to read; cheap, may come more often than needed. */
export type Wake = () => void;

export interface MessageFeedOptions {
  databaseUrl: string;
  /** The participants of a conversation, to wake their cabinet streams (cached: they never change). */
  participantsOf: (conversationId: string) => Promise<string[]>;
  onError: (error: unknown, context: string) => void;
  /** First delay before reconnecting a lost listener; doubles up to 30 s. */
  reconnectDelayMs?: number;
}

const PARTICIPANT_CACHE_SIZE = 10_000;
const MAX_RECONNECT_DELAY_MS = 30_000;

export class MessageFeed {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelayMs: number;
  private closed = false;
  private readonly byConversation = new Map<string, Set<Wake>>();
  private readonly byUser = new Map<string, Set<Wake>>();
  private readonly participants = new Map<string, readonly string[]>();

  constructor(private readonly options: MessageFeedOptions) {
    this.reconnectDelayMs = options.reconnectDelayMs ?? 1000;
  }

  /** Wakes `wake` on every new message of the conversation; resolves once listening. Returns the unsubscribe. */
  subscribeConversation(conversationId: string, wake: Wake): Promise<() => void> {
    return this.subscribe(this.byConversation, conversationId, wake);
  }

  /** Wakes `wake` on every new message in any conversation of the user. Returns the unsubscribe. */
  subscribeUser(userId: string, wake: Wake): Promise<() => void> {
    return this.subscribe(this.byUser, userId, wake);
  }

  /** How many streams are subscribed (tests prove a closed stream leaves none behind). */
  get subscriberCount(): number {
    let count = 0;
    for (const set of [...this.byConversation.values(), ...this.byUser.values()]) count += set.size;
    return count;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.byConversation.clear();
    this.byUser.clear();
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async subscribe(map: Map<string, Set<Wake>>, key: string, wake: Wake): Promise<() => void> {
    if (this.closed) throw new Error('the message feed is closed');
    await this.listen();
    const set = map.get(key) ?? new Set<Wake>();
    map.set(key, set);
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0 && map.get(key) === set) map.delete(key);
    };
  }

  private listen(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: 'maslahat-message-feed' });
    client.on('notification', (message) => {
      if (message.channel === MESSAGE_CHANNEL && message.payload) this.deliver(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('listener connection ended')));
    await client.connect();
    try {
      await client.query(`LISTEN ${MESSAGE_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
  }

  private deliver(payload: string): void {
    const [conversationId] = payload.split(':');
    if (!conversationId) return;
    for (const wake of this.byConversation.get(conversationId) ?? []) wake();
    if (this.byUser.size > 0) {
      this.participantsCached(conversationId).then(
        (users) => users.forEach((userId) => this.byUser.get(userId)?.forEach((wake) => wake())),
        (error: unknown) => this.options.onError(error, 'participants of a conversation'),
      );
    }
  }

  private async participantsCached(conversationId: string): Promise<readonly string[]> {
    const cached = this.participants.get(conversationId);
    if (cached) return cached;
    const users = await this.options.participantsOf(conversationId);
    if (this.participants.size >= PARTICIPANT_CACHE_SIZE) this.participants.delete(this.participants.keys().next().value!);
    this.participants.set(conversationId, users);
    return users;
  }

  // A lost listener may have missed notifications: once it is back, every stream is woken to
  // read what it has not sent yet.
  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.options.onError(error, 'message feed listener lost');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.listen().then(
        () => {
          this.reconnectDelayMs = this.options.reconnectDelayMs ?? 1000;
          this.wakeAll();
        },
        (error: unknown) => {
          this.options.onError(error, 'message feed reconnect');
          this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, MAX_RECONNECT_DELAY_MS);
          this.scheduleReconnect();
        },
      );
    }, this.reconnectDelayMs);
  }

  private wakeAll(): void {
    for (const set of [...this.byConversation.values(), ...this.byUser.values()]) set.forEach((wake) => wake());
  }
}
