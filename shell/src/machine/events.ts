import type { CatalogPackage } from '@lta/labs';

/** What one part of the machine tells the others: a package's maintainer scripts starting its service, ... */
export interface MachineEventMap {
  /** A package was unpacked and configured (its files are in place). */
  installed: CatalogPackage;
  /** A package was removed (`purge`: its configuration files too). */
  removed: { pkg: CatalogPackage; purge: boolean };
}

/** The parts' messages to each other, one instance per running machine. */
export class MachineEvents {
  private readonly listeners = new Map<keyof MachineEventMap, ((payload: never) => void)[]>();

  on<K extends keyof MachineEventMap>(event: K, listener: (payload: MachineEventMap[K]) => void): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }

  emit<K extends keyof MachineEventMap>(event: K, payload: MachineEventMap[K]): void {
    for (const listener of this.listeners.get(event) ?? [])
      (listener as (payload: MachineEventMap[K]) => void)(payload);
  }
}
