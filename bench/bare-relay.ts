/**
 * The ceiling of the relay scenario: the shared mini relay with nothing behind it (no validation, no
 * database, no Redis adapter, no routing). Run by bench/run.ts: BARE_PORT=4300 node bench/bare-relay.ts
 */
import { startMiniRelay } from './lib/mini-relay';

startMiniRelay({ port: Number(process.env.BARE_PORT ?? 4300) });
