// Two tabs, one queue. The tab holding the Web Lock `encounter-lab-queue-leader` is the leader: it
// alone owns a SimulationRuntime (the workers), restores the persisted queue and checkpoints, and
// broadcasts every request update over a BroadcastChannel. Every other tab is a follower: it has no
// workers, forwards its submissions and controls to the leader, and mirrors the leader's requests.
// The lock is released only when the leader's tab goes (or disposes), and the browser then grants
// it to one waiting follower, which becomes leader and resumes the queue from the checkpoints. A
// submission a follower made while no leader answered is kept and sent again to the next leader (or
// run by the follower itself if it is the one that takes over), so no submission is lost and no
// request runs in two tabs at once.
import type { ScenarioSpec } from '../engine/index.ts';
import type { SimulationRuntime } from './scheduler.ts';
import { checkPriority, normalizeSettings, SubmitError } from './settings.ts';
import type {
  ControlMode, Priority, RequestUpdate, RunSettingsInput, RuntimeStats, SubmittedScenario, UpdateListener,
} from './types.ts';

export const LEADER_LOCK = 'encounter-lab-queue-leader';
export const RUNTIME_CHANNEL = 'encounter-lab-runtime';

/** The part of the Web Locks API used here (navigator.locks). */
export interface LockManagerLike {
  request(name: string, callback: (lock: unknown) => Promise<unknown>): Promise<unknown>;
}

/** What the app's store needs from a runtime, whether it runs here or in the leader tab. */
export interface RuntimeFacade {
  readonly mode: ControlMode;
  readonly workerCount: number;
  submit(scenario: SubmittedScenario, settings: RunSettingsInput, priority?: Priority): string | Promise<string>;
  cancel(id: string): unknown;
  pause(id: string): unknown;
  resume(id: string): unknown;
  setPriority(id: string, priority: Priority): unknown;
  subscribe(listener: UpdateListener): () => void;
  stats(): RuntimeStats;
  /** Warms the engine on a scenario just opened, which the next request most likely resembles. */
  warmFor(spec: ScenarioSpec): void;
}

export type TabRole = 'starting' | 'leader' | 'follower';

type Control = 'cancel' | 'pause' | 'resume' | 'setPriority';

type Message =
  | { t: 'hello'; from: string }
  | { t: 'submit'; from: string; nonce: string; scenario: SubmittedScenario; settings: RunSettingsInput; priority: Priority }
  | { t: 'control'; from: string; action: Control; id: string; priority?: Priority }
  | { t: 'leader'; from: string; mode: ControlMode; workerCount: number }
  | { t: 'state'; from: string; to: string; updates: RequestUpdate[]; stats: RuntimeStats; mode: ControlMode; workerCount: number }
  | { t: 'update'; from: string; update: RequestUpdate; stats: RuntimeStats }
  | { t: 'submitted'; from: string; to: string; nonce: string; id: string }
  | { t: 'refused'; from: string; to: string; nonce: string; message: string };

interface PendingSubmit {
  nonce: string;
  scenario: SubmittedScenario;
  settings: RunSettingsInput;
  priority: Priority;
  resolve: (id: string) => void;
  reject: (e: Error) => void;
}

export interface TabCoordinatorOptions {
  /** navigator.locks; null makes this tab the leader at once (no Web Locks: one tab assumed). */
  locks: LockManagerLike | null;
  /** Builds this tab's runtime when it becomes leader; ids must carry the given prefix. */
  createRuntime: (idPrefix: string) => SimulationRuntime;
  /** Runs once this tab leads, before followers are told: restore the queue, start checkpoints. */
  onLeader?: (runtime: SimulationRuntime) => Promise<void> | void;
  onRoleChange?: (role: TabRole) => void;
  /** Told when what the leader reports about itself (mode, workers, statistics) may have changed. */
  onInfo?: () => void;
  tabId?: string;
  channelName?: string;
  lockName?: string;
}

const emptyStats = (): RuntimeStats => ({
  mode: 'message', workers: 0, busyWorkers: 0, workerRestarts: 0,
  byState: { queued: 0, running: 0, paused: 0, completed: 0, failed: 0, cancelled: 0 },
  meanWaitMs: 0, meanRunMs: 0, runsPerSecond: 0, runsSimulated: 0,
});

export class TabCoordinator implements RuntimeFacade {
  readonly tabId: string;
  role: TabRole = 'starting';
  private runtime: SimulationRuntime | null = null;
  private readonly channel: BroadcastChannel;
  private readonly listeners = new Set<UpdateListener>();
  private readonly pending = new Map<string, PendingSubmit>();
  /** Requests mirrored from a leader, by id: what a follower shows. */
  private readonly mirrored = new Map<string, RequestUpdate>();
  private leaderStats: RuntimeStats = emptyStats();
  private leaderMode: ControlMode = 'message';
  private leaderWorkers = 0;
  private releaseLock: (() => void) | null = null;
  private disposed = false;
  /** Messages waiting for the end of the current task, in order (see post). */
  private outbox: Message[] = [];
  /** Set once this tab starts to lead: from then on the old leader's messages are ignored. */
  private leading = false;
  private nonce = 0;
  private readonly ready: Promise<void>;
  /** The scenario to warm the workers on once this tab's runtime exists. */
  private warmSpec: ScenarioSpec | null = null;

  constructor(private readonly options: TabCoordinatorOptions) {
    this.tabId = options.tabId ?? globalThis.crypto.randomUUID().slice(0, 8);
    this.channel = new BroadcastChannel(options.channelName ?? RUNTIME_CHANNEL);
    this.channel.onmessage = (e: MessageEvent<Message>) => this.onMessage(e.data);
    if (!options.locks) {
      this.ready = this.lead();
    } else {
      this.setRole('follower');
      this.post({ t: 'hello', from: this.tabId });
      let resolveReady!: () => void;
      this.ready = new Promise((r) => { resolveReady = r; });
      void options.locks.request(options.lockName ?? LEADER_LOCK, async () => {
        if (this.disposed) return;
        await this.lead();
        resolveReady();
        // Held for the life of the tab: the browser releases it when the tab goes.
        await new Promise<void>((release) => { this.releaseLock = release; });
      });
    }
  }

  /** Resolves once this tab leads (never, for a follower while the leader lives). */
  whenLeader(): Promise<void> {
    return this.ready;
  }

  /** The runtime of this tab, when it leads. */
  get localRuntime(): SimulationRuntime | null {
    return this.runtime;
  }

  get mode(): ControlMode {
    return this.runtime?.mode ?? this.leaderMode;
  }

  get workerCount(): number {
    return this.runtime?.workerCount ?? this.leaderWorkers;
  }

  submit(scenario: SubmittedScenario, settings: RunSettingsInput, priority: Priority = 'normal'): string | Promise<string> {
    if (this.runtime) return this.runtime.submit(scenario, settings, priority);
    // Refuse bad settings here, at once, with the same words the leader would use.
    normalizeSettings(settings);
    checkPriority(priority);
    if (!scenario || !scenario.spec) throw new SubmitError('scenario: expected { name, spec }, got nothing usable');
    const nonce = `${this.tabId}-${++this.nonce}`;
    return new Promise<string>((resolve, reject) => {
      this.pending.set(nonce, { nonce, scenario, settings, priority, resolve, reject });
      this.post({ t: 'submit', from: this.tabId, nonce, scenario, settings, priority });
    });
  }

  cancel(id: string): void {
    this.control('cancel', id);
  }

  pause(id: string): void {
    this.control('pause', id);
  }

  resume(id: string): void {
    this.control('resume', id);
  }

  setPriority(id: string, priority: Priority): void {
    this.control('setPriority', id, priority);
  }

  subscribe(listener: UpdateListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  stats(): RuntimeStats {
    return this.runtime ? this.runtime.stats() : this.leaderStats;
  }

  /**
   * Warms this tab's workers on a scenario just opened. Until this tab leads (a follower's requests
   * run in the leader's tab), the latest such scenario waits for the runtime it may come to have.
   */
  warmFor(spec: ScenarioSpec): void {
    if (this.runtime) this.runtime.warmFor(spec);
    else this.warmSpec = spec;
  }

  /** Leaves: a leader gives up the lock (a follower takes over from the checkpoints). */
  dispose(): void {
    this.sendOutbox();
    this.disposed = true;
    this.runtime?.dispose();
    this.runtime = null;
    this.channel.close();
    this.releaseLock?.();
    this.releaseLock = null;
  }

  // ------------------------------------------------------------------ leading

  private async lead(): Promise<void> {
    this.leading = true;
    const runtime = this.options.createRuntime(`${this.tabId}-`);
    // What this tab showed as a follower belonged to the old leader's runtime, which is gone.
    for (const [id, u] of this.mirrored) this.deliver({ ...u, type: 'removed', requestId: id });
    this.mirrored.clear();
    runtime.subscribe((update) => {
      this.deliver(update);
      this.post({ t: 'update', from: this.tabId, update, stats: runtime.stats() }, { later: true });
    });
    await this.options.onLeader?.(runtime);
    this.runtime = runtime;
    this.setRole('leader');
    this.options.onInfo?.();
    this.post({ t: 'leader', from: this.tabId, mode: runtime.mode, workerCount: runtime.workerCount });
    if (this.warmSpec) runtime.warmFor(this.warmSpec);
    this.warmSpec = null;
    // Submissions this tab made while it had no leader run here now.
    for (const p of [...this.pending.values()]) {
      this.pending.delete(p.nonce);
      try {
        p.resolve(runtime.submit(p.scenario, p.settings, p.priority));
      } catch (e) {
        p.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
  }

  private control(action: Control, id: string, priority?: Priority): void {
    if (this.runtime) {
      if (action === 'setPriority') this.runtime.setPriority(id, priority!);
      else this.runtime[action](id);
      return;
    }
    this.post({ t: 'control', from: this.tabId, action, id, priority });
  }

  private onMessage(m: Message): void {
    if (this.disposed || !m || m.from === this.tabId) return;
    const runtime = this.runtime;
    if (runtime) {
      this.answerAsLeader(runtime, m);
      return;
    }
    // Taking over: late news from the old leader would bring back requests it no longer runs, and
    // followers send their submissions again once this tab announces itself.
    if (this.leading) return;
    switch (m.t) {
      case 'leader':
        this.leaderMode = m.mode;
        this.leaderWorkers = m.workerCount;
        // A new leader: send again what no one has answered yet.
        for (const p of this.pending.values()) {
          this.post({ t: 'submit', from: this.tabId, nonce: p.nonce, scenario: p.scenario, settings: p.settings, priority: p.priority });
        }
        this.post({ t: 'hello', from: this.tabId });
        this.options.onInfo?.();
        break;
      case 'state':
        if (m.to !== this.tabId) return;
        this.leaderMode = m.mode;
        this.leaderWorkers = m.workerCount;
        this.leaderStats = m.stats;
        for (const u of m.updates) this.mirror(u);
        this.options.onInfo?.();
        break;
      case 'update':
        this.leaderStats = m.stats;
        this.mirror(m.update);
        break;
      case 'submitted': {
        if (m.to !== this.tabId) return;
        const p = this.pending.get(m.nonce);
        this.pending.delete(m.nonce);
        p?.resolve(m.id);
        break;
      }
      case 'refused': {
        if (m.to !== this.tabId) return;
        const p = this.pending.get(m.nonce);
        this.pending.delete(m.nonce);
        p?.reject(new SubmitError(m.message));
        break;
      }
      default:
        break;
    }
  }

  private answerAsLeader(runtime: SimulationRuntime, m: Message): void {
    switch (m.t) {
      case 'hello': {
        const updates: RequestUpdate[] = runtime.list().map((snapshot) => ({
          type: 'changed', requestId: snapshot.id, at: Date.now(), phase: snapshot.phase, snapshot, aggregate: runtime.aggregate(snapshot.id),
        }));
        this.post({ t: 'state', from: this.tabId, to: m.from, updates, stats: runtime.stats(), mode: runtime.mode, workerCount: runtime.workerCount });
        break;
      }
      case 'submit':
        try {
          const id = runtime.submit(m.scenario, m.settings, m.priority);
          this.post({ t: 'submitted', from: this.tabId, to: m.from, nonce: m.nonce, id });
        } catch (e) {
          this.post({ t: 'refused', from: this.tabId, to: m.from, nonce: m.nonce, message: e instanceof Error ? e.message : String(e) });
        }
        break;
      case 'control':
        this.control(m.action, m.id, m.priority);
        break;
      case 'leader':
        // Two leaders cannot hold one lock; a message from another means the lock is not honoured (no Web Locks).
        console.warn(`Another tab (${m.from}) also runs simulations: Web Locks are not available, so two tabs may repeat work.`);
        break;
      default:
        break;
    }
  }

  private mirror(u: RequestUpdate): void {
    if (u.type === 'removed') this.mirrored.delete(u.requestId);
    else this.mirrored.set(u.requestId, u);
    this.deliver(u);
  }

  private deliver(u: RequestUpdate): void {
    for (const l of this.listeners) {
      try {
        l(u);
      } catch (e) {
        console.error('A runtime update listener threw:', e);
      }
    }
  }

  /**
   * Sends a message to the other tabs. With `later`, after the current task: copying an update (its
   * aggregate) for the channel would otherwise come between this tab's own update and its render.
   * Messages keep their order: while some wait, the others wait behind them.
   */
  private post(m: Message, options: { later?: boolean } = {}): void {
    if (this.disposed) return;
    if (!options.later && this.outbox.length === 0) {
      this.send(m);
      return;
    }
    if (this.outbox.push(m) === 1) setTimeout(() => this.sendOutbox(), 0);
  }

  private sendOutbox(): void {
    for (const m of this.outbox.splice(0)) this.send(m);
  }

  private send(m: Message): void {
    if (this.disposed) return;
    try {
      this.channel.postMessage(m);
    } catch (e) {
      console.warn(`A message to the other tabs could not be sent: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private setRole(role: TabRole): void {
    this.role = role;
    this.options.onRoleChange?.(role);
  }
}
