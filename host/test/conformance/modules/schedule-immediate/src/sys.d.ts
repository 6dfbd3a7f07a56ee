// The one syscall of `spacetime:sys@2.0` this module calls itself (`spacetimedb/server` does not wrap it); the
// declaration is SpacetimeDB's (crates/bindings-typescript/src/server/sys.d.ts).
declare module 'spacetime:sys@2.0' {
  export function volatile_nonatomic_schedule_immediate(reducer_name: string, args: Uint8Array): void;
}
