/** `@lta/host/protocol`: the SpacetimeDB v2 client protocol as the host speaks it, for load and protocol benchmarks. */
export { decodeClientFrame, encodeClientMessage, V2_PROTOCOL } from './codec.js';
export { unframeServerPayload } from './compression.js';
export { ClientMessage, ServerMessage, TransactionUpdate } from './messages.js';
