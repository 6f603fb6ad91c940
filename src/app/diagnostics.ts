// What the page can use: cross-origin isolation decides whether SharedArrayBuffer (and with it
// instant cancellation of running simulations) is available.

export interface Diagnostics {
  crossOriginIsolated: boolean;
  sharedArrayBuffer: boolean;
  hardwareConcurrency: number;
}

export function readDiagnostics(): Diagnostics {
  return {
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    hardwareConcurrency: navigator.hardwareConcurrency || 1,
  };
}
