// The control board: one Int32Array shared by the scheduler and every worker. Each request with
// chunks in flight owns one slot (a control word: run, pause or cancel); each worker owns one
// heartbeat word it bumps at every flag check, so the scheduler can tell a slow chunk from a hung one.
//
//   [ control of slot 0 .. control of slot S-1 | heartbeat of worker 0 .. heartbeat of worker W-1 ]
//
// With shared memory the words live in a SharedArrayBuffer and are read with Atomics.load. Without
// shared memory (no cross-origin isolation) each side keeps its own copy and control words travel as messages.

export const CONTROL_RUN = 0;
export const CONTROL_PAUSE = 1;
export const CONTROL_CANCEL = 2;
export type ControlValue = typeof CONTROL_RUN | typeof CONTROL_PAUSE | typeof CONTROL_CANCEL;

export interface BoardLayout {
  slots: number;
  workers: number;
}

export const boardLength = (l: BoardLayout): number => l.slots + l.workers;
export const controlIndex = (slot: number): number => slot;
export const heartbeatIndex = (l: BoardLayout, worker: number): number => l.slots + worker;

export function sharedMemoryAvailable(): boolean {
  // In a browser, SharedArrayBuffer exists only when the page is cross-origin isolated; where
  // crossOriginIsolated is defined and false, it cannot be sent to a worker even if it exists.
  if (typeof SharedArrayBuffer !== 'function') return false;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return isolated !== false;
}

export function createBoard(layout: BoardLayout, shared: boolean): Int32Array {
  const bytes = boardLength(layout) * Int32Array.BYTES_PER_ELEMENT;
  return new Int32Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

/** Hands out slots to requests with chunks in flight. */
export class SlotAllocator {
  private readonly free: number[];

  constructor(slots: number) {
    this.free = Array.from({ length: slots }, (_, i) => slots - 1 - i);
  }

  acquire(): number {
    const slot = this.free.pop();
    if (slot === undefined) throw new Error('No free control slot: more requests in flight than the board was sized for');
    return slot;
  }

  release(slot: number): void {
    this.free.push(slot);
  }

  get available(): number {
    return this.free.length;
  }
}
