import type { KeyStore } from '../app/personal-data.js';

/** The key store of a function whose grants include no data keys: any use is a wiring mistake. */
export function keysNotGranted(functionName: string): KeyStore {
  const refuse = async (): Promise<never> => {
    throw new Error(`${functionName} has no access to residents' data keys`);
  };
  return {
    create: refuse,
    createFor: refuse,
    get: refuse,
    getMany: refuse,
    streamsHolding: refuse,
    destroy: refuse,
  };
}
