// Loaded into every Node test process (scripts/test.mjs): the SDK's info lines ("Connecting to SpacetimeDB WS...")
// go to stdout, which node:test on Node 20 shares with its serialized reports; under load a line written there
// mid-report breaks the runner ("Unable to deserialize cloned data"). Warnings and errors still show.
import { setGlobalLogLevel } from 'spacetimedb';

setGlobalLogLevel('warn');
