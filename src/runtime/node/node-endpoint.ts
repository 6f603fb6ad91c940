// Adapts a worker_threads port (on/off, messages without an event wrapper) to the Comlink endpoint
// shape (addEventListener, events with .data).
import type { Endpoint } from 'comlink';

interface NodePort {
  postMessage(message: unknown, transfer?: readonly unknown[]): void;
  on(event: 'message', listener: (data: unknown) => void): unknown;
  off(event: 'message', listener: (data: unknown) => void): unknown;
}

type Listener = EventListenerOrEventListenerObject;

export function nodeEndpoint(port: NodePort): Endpoint {
  const wrappers = new WeakMap<Listener, (data: unknown) => void>();
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => port.postMessage(message, transfer as unknown as readonly unknown[]),
    addEventListener: (_type: string, listener: Listener) => {
      const wrapped = (data: unknown) => {
        const event = { data } as MessageEvent;
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      };
      wrappers.set(listener, wrapped);
      port.on('message', wrapped);
    },
    removeEventListener: (_type: string, listener: Listener) => {
      const wrapped = wrappers.get(listener);
      if (wrapped) port.off('message', wrapped);
      wrappers.delete(listener);
    },
  };
}
