/**
 * Texts the caller of a reducer gets when the host refuses or the module fails, as SpacetimeDB words them, so a
 * client written against either server sees the same messages.
 */
import type { LifecycleKind } from '../schema/module-def.js';

/**
 * What SpacetimeDB tells the caller when a reducer throws anything but `SenderError`
 * (`handle_outer_error` in crates/core/src/host/wasm_common/module_host_actor.rs); the details go to the module log.
 */
export const INSTANCE_FATAL_ERROR = 'The instance encountered a fatal error.';

/** SpacetimeDB's `Lifecycle` variant names, which its refusal prints. */
const LIFECYCLE_NAMES: Record<LifecycleKind, string> = {
  init: 'Init',
  clientConnected: 'OnConnect',
  clientDisconnected: 'OnDisconnect',
};

/** The refusal of a client's call to a lifecycle reducer (`ReducerCallError::LifecycleReducer`). */
export function lifecycleRefusal(kind: LifecycleKind): string {
  return `can't directly call special ${LIFECYCLE_NAMES[kind]} lifecycle reducer`;
}
