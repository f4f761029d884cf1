import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agentContract, monitorContract, serverEvents, visitorContract } from '../../src/realtime/contract';

/** Every event the realtime server handles or emits must be documented in docs/protocol.md. */
describe('docs/protocol.md', () => {
  const doc = readFileSync('docs/protocol.md', 'utf8');
  // The namespace adapters (one file each) and the shared handler groups they register.
  const server = ['server.ts', 'visitor.ts', 'agent.ts', 'monitor.ts', 'sync-handlers.ts', 'agent-tools.ts', 'crm-handlers.ts', 'visitor-tools.ts', 'collision-handlers.ts', 'sneak-peek.ts'].map((f) => readFileSync(`src/realtime/${f}`, 'utf8')).join('\n');
  const notifier = readFileSync('src/domain/chat/notifier.ts', 'utf8');

  it('documents every client -> server event', () => {
    const handled = [...server.matchAll(/on(?:Visitor|Agent|Monitor|Sync)\(socket, '([^']+)'/g)].map((m) => m[1]);
    expect(handled.length).toBeGreaterThan(5);
    for (const event of new Set(handled)) expect(doc, `event ${event}`).toContain(`\`${event}\``);
  });

  it('documents every server -> client event', () => {
    const eventMaps = [...notifier.matchAll(/export interface (?:Visitor|Agent|Monitor)Events \{([\s\S]*?)\n\}/g)].map((m) => m[1]).join('\n');
    const emitted = [...server.matchAll(/\.emit\('([^']+)'/g), ...eventMaps.matchAll(/^\s+'?([a-z.]+)'?: /gm)].map((m) => m[1]);
    expect(emitted).toContain('conversation.assigned');
    for (const event of new Set(emitted)) expect(doc, `event ${event}`).toContain(`\`${event}\``);
  });

  // Issue 20 item 1: the contract (realtime/contract.ts) and the doc's event tables name the same events.
  const contractEvents = new Set([...Object.keys(visitorContract), ...Object.keys(agentContract), ...Object.keys(monitorContract)]);
  const emittedEvents = new Set([...serverEvents.visitor, ...serverEvents.agent, ...serverEvents.monitor]);

  it('documents every event of the contract, both directions', () => {
    for (const event of contractEvents) expect(doc, `client -> server ${event}`).toContain(`| \`${event}\` |`);
    for (const event of emittedEvents) expect(doc, `server -> client ${event}`).toContain(`| \`${event}\` |`);
  });

  it('documents no event the contract does not have', () => {
    // Rows of the event tables: `| \`event\` | …` (the rate-limit table names contract events too).
    const documented = [...doc.matchAll(/^\| `([a-z][a-z.]*)`(?:, `([a-z][a-z.]*)`)? \|/gm)].flatMap((m) => [m[1], m[2]]).filter(Boolean);
    expect(documented.length).toBeGreaterThan(40);
    for (const event of new Set(documented)) expect(contractEvents.has(event) || emittedEvents.has(event), `documented event ${event} is not in the contract`).toBe(true);
  });

  it('registers a handler for every event of the contract and none outside it', () => {
    const handled = new Set([...server.matchAll(/on(?:Visitor|Agent|Monitor|Sync)\(socket, '([^']+)'/g)].map((m) => m[1]));
    expect([...contractEvents].filter((e) => !handled.has(e))).toEqual([]);
  });
});
