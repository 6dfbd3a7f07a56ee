import type { ReactiveControllerHost } from 'lit';
import type { AcademySource } from '../../connection/index.js';
import type { ChatStrings } from './chat-strings.js';

/** What the chat's controllers need to know of the element: where it is, who reads it, its words. */
export interface ChatScope extends ReactiveControllerHost {
  /** Where the chat is drawn (its shadow root). */
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly academy: AcademySource | undefined;
  readonly view: 'channel' | 'direct';
  readonly channel: string;
  readonly cohort?: string;
  /** The class shown (the `cohort` attribute resolved), if any. */
  cohortId(): string | undefined;
  /** The learner teaches the class whose chat is shown. */
  instructs(): boolean;
  /** The username of a learner (hex identity) whose name is known. */
  usernameOf(identity: string): string | undefined;
  /** The peer of the open direct conversation (hex identity), or '' for a new one. */
  readonly peer: string;
  text(): ChatStrings;
  /** Tell screen readers, politely. */
  announce(text: string): void;
}
