import type { CatalogPackage, ListeningService } from '@lta/labs';

/** What one part of the machine tells the others: a package's maintainer scripts starting its service, ... */
export interface MachineEventMap {
  /** A package was unpacked and configured (its files are in place). */
  installed: CatalogPackage;
  /** A package was removed (`purge`: its configuration files too). */
  removed: { pkg: CatalogPackage; purge: boolean };
}

/** A port a running service listens on, with the files nginx tries for a directory (its `index` directive). */
export interface ServiceSocket extends ListeningService {
  index?: readonly string[];
}

/** What one part asks another, which keeps the one source of truth for it. */
export interface MachineQuestionMap {
  /** The learner's machine's sockets that running services listen on (systemd knows which services run). */
  listening: readonly ServiceSocket[];
}

/** The parts' messages to each other, one instance per running machine. */
export class MachineEvents {
  private readonly listeners = new Map<keyof MachineEventMap, ((payload: never) => void)[]>();
  private readonly answerers = new Map<keyof MachineQuestionMap, () => unknown>();

  /** Makes this part the one that answers `question`. */
  answer<K extends keyof MachineQuestionMap>(question: K, answerer: () => MachineQuestionMap[K]): void {
    this.answerers.set(question, answerer);
  }

  /** The answer of the part that keeps it, undefined when no part on this machine does. */
  ask<K extends keyof MachineQuestionMap>(question: K): MachineQuestionMap[K] | undefined {
    return this.answerers.get(question)?.() as MachineQuestionMap[K] | undefined;
  }

  on<K extends keyof MachineEventMap>(event: K, listener: (payload: MachineEventMap[K]) => void): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }

  emit<K extends keyof MachineEventMap>(event: K, payload: MachineEventMap[K]): void {
    for (const listener of this.listeners.get(event) ?? [])
      (listener as (payload: MachineEventMap[K]) => void)(payload);
  }
}
