import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Every event the realtime server handles or emits must be documented in docs/protocol.md. */
describe('docs/protocol.md', () => {
  const doc = readFileSync('docs/protocol.md', 'utf8');
  // The namespace adapters (one file each) and the shared handler groups they register.
  const server = ['server.ts', 'visitor.ts', 'agent.ts', 'monitor.ts', 'sync-handlers.ts'].map((f) => readFileSync(`src/realtime/${f}`, 'utf8')).join('\n');
  const notifier = readFileSync('src/domain/chat/notifier.ts', 'utf8');

  it('documents every client -> server event', () => {
    const handled = [...server.matchAll(/on\(socket, '([^']+)'/g)].map((m) => m[1]);
    expect(handled.length).toBeGreaterThan(5);
    for (const event of new Set(handled)) expect(doc, `event ${event}`).toContain(`\`${event}\``);
  });

  it('documents every server -> client event', () => {
    const eventMaps = [...notifier.matchAll(/export interface (?:Visitor|Agent|Monitor)Events \{([\s\S]*?)\n\}/g)].map((m) => m[1]).join('\n');
    const emitted = [...server.matchAll(/\.emit\('([^']+)'/g), ...eventMaps.matchAll(/^\s+'?([a-z.]+)'?: /gm)].map((m) => m[1]);
    expect(emitted).toContain('conversation.assigned');
    for (const event of new Set(emitted)) expect(doc, `event ${event}`).toContain(`\`${event}\``);
  });
});
