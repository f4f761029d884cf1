import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../src/server/http/openapi';
import { OPERATIONS } from '../../src/app/api/v1/_lib';

/**
 * The OpenAPI document of /api/v1 (issue 24): OpenAPI 3.1, every route file under src/app/api/v1 (each
 * exported method) is in it, every $ref resolves, every schema compiles as JSON Schema 2020-12, path
 * parameters match their templates, and what the routes parse is what the document describes.
 */
const ROOT = join(__dirname, '../../src/app/api/v1');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const doc = buildOpenApiDocument() as any;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name.startsWith('_') ? [] : routeFiles(path);
    return name === 'route.ts' ? [path] : [];
  });
}

/** src/app/api/v1/conversations/[id]/messages/route.ts -> /conversations/{id}/messages */
function openApiPath(file: string): string {
  const dir = relative(ROOT, file).split(sep).slice(0, -1);
  return `/${dir.map((s) => s.replace(/^\[(.+)\]$/, '{$1}')).join('/')}`;
}

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with info, servers and a bearer scheme', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('covers every route file and method under src/app/api/v1 (and documents nothing that does not exist)', () => {
    const served = new Set<string>();
    for (const file of routeFiles(ROOT)) {
      const path = openApiPath(file);
      if (path === '/openapi.json') continue;
      const source = readFileSync(file, 'utf8');
      const methods = METHODS.filter((m) => new RegExp(`export (const|async function|function) ${m}\\b`).test(source));
      expect(methods.length, `${file} exports no method`).toBeGreaterThan(0);
      for (const m of methods) {
        served.add(`${m.toLowerCase()} ${path}`);
        expect(doc.paths[path]?.[m.toLowerCase()], `${m} ${path} (${relative(ROOT, file)}) is not in the OpenAPI document`).toBeDefined();
      }
    }
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item as object).map((m) => `${m} ${path}`));
    expect(documented.sort()).toEqual([...served].sort());
  });

  it('has unique operation ids, path parameters matching the templates, responses and scopes on every operation', () => {
    const ids = new Set<string>();
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      const template = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries<any>(item)) {
        expect(ids.has(op.operationId), op.operationId).toBe(false);
        ids.add(op.operationId);
        const pathParams = (op.parameters ?? []).filter((p: any) => p.in === 'path');
        expect(pathParams.map((p: any) => p.name).sort(), `${method} ${path}`).toEqual(template);
        for (const p of pathParams) expect(p.required).toBe(true);
        expect(Object.keys(op.responses).some((s) => s.startsWith('2')), `${method} ${path}`).toBe(true);
        expect(op.security[0].bearer.length).toBeGreaterThan(0);
      }
    }
    expect(ids.size).toBe(OPERATIONS.length);
  });

  it('every $ref resolves and every schema compiles as JSON Schema 2020-12', () => {
    for (const ref of refs(doc)) {
      expect(ref.startsWith('#/components/schemas/'), ref).toBe(true);
      expect(doc.components.schemas[ref.slice('#/components/schemas/'.length)], ref).toBeDefined();
    }
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
    const compile = (schema: unknown) => ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));
    for (const name of Object.keys(doc.components.schemas)) compile({ $ref: `#/components/schemas/${name}` });
    // A real-looking answer validates against its documented schema; a wrong one does not.
    const page = compile(doc.paths['/conversations'].get.responses['200'].content['application/json'].schema);
    const conversation = {
      id: '7b0f7f39-6a3e-4c55-9d5b-1f0c2a7e9d01', status: 'active', channel: 'desktop', mode: 'realtime', visitorId: '7b0f7f39-6a3e-4c55-9d5b-1f0c2a7e9d02',
      visitorName: null, agentId: null, agentName: null, groupId: null, entryUrl: null, startedAt: '2026-12-07T04:00:00.000Z', assignedAt: null,
      endedAt: null, endedBy: null, lastMessageAt: null, tags: [],
    };
    expect(page({ data: [conversation], next_cursor: null, has_more: false }), JSON.stringify(page.errors)).toBe(true);
    expect(page({ data: [{ ...conversation, status: 'sleeping' }], next_cursor: null, has_more: false })).toBe(false);
  });

  it('documents the same limits the routes enforce (limit ≤ 100, problem+json errors)', () => {
    const limit = doc.paths['/conversations'].get.parameters.find((p: any) => p.name === 'limit');
    expect(limit.schema).toMatchObject({ maximum: 100, minimum: 1 });
    expect(doc.paths['/customers'].post.responses['400'].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
    expect(doc.paths['/customers'].post.parameters.some((p: any) => p.in === 'header' && p.name === 'Idempotency-Key')).toBe(true);
  });
});
