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

/**
 * Whether `caller` may call a reducer or procedure by name. Validation makes a schedule table's function private
 * (`change_scheduled_functions_and_lifetimes_visibility`, crates/schema/src/def/validate/v10.rs); SpacetimeDB then
 * answers anyone but the database owner as if it did not exist (`NoSuchReducer` / `NoSuchProcedure`,
 * `reducer_call_params` and `procedure_call_params` in crates/core/src/host/module_host.rs), before reading the
 * arguments. Lifecycle reducers are refused earlier with their own text (`lifecycleRefusal`).
 */
export function mayCall(
  fn: { readonly clientCallable: boolean },
  caller: bigint,
  owner: bigint | null | undefined,
): boolean {
  return fn.clientCallable || caller === owner;
}

/** What a client called: SpacetimeDB's log lines name the kind. */
export type FunctionKind = 'reducer' | 'procedure';

/**
 * The module-log line (error level) for a call to a reducer or procedure that does not exist or that the caller may
 * not call (`no_such_function_log_message`, written by `log_reducer_submit_error` / `log_procedure_validation_result`
 * in crates/core/src/host/module_host.rs), so `spacetime logs` shows a client calling with stale bindings.
 */
export function noSuchFunctionLogLine(kind: FunctionKind, name: string): string {
  return `External attempt to call nonexistent ${kind} "${name}" failed. Have you run \`spacetime generate\` recently?`;
}

/** The module-log line (error level) for a call whose arguments do not decode (`args_error_log_message`, same file). */
export function invalidArgumentsLogLine(kind: FunctionKind, name: string): string {
  return (
    `External attempt to call ${kind} "${name}" failed, invalid arguments.\n` +
    'This is likely due to a mismatched client schema, have you run `spacetime generate` recently?'
  );
}
