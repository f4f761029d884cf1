import type { ReactNode } from 'react';

/** A server-rendered reference of an OpenAPI 3.1 document (no script needed): operations by tag, parameters, bodies, answers. */
type Schema = { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[]; anyOf?: Schema[]; oneOf?: Schema[]; description?: string; format?: string; maximum?: number; minimum?: number; default?: unknown; maxLength?: number; const?: unknown };
interface Param { name: string; in: string; required?: boolean; description?: string; schema?: Schema }
interface Op { operationId: string; summary: string; description?: string; tags: string[]; parameters?: Param[]; requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>; security?: { bearer: string[] }[] }
interface Doc { info: { title: string; version: string; description?: string }; servers?: { url: string }[]; paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, Schema> } }

const METHOD_TONE: Record<string, string> = {
  get: 'bg-sky-100 text-sky-800',
  post: 'bg-green-100 text-green-800',
  put: 'bg-amber-100 text-amber-800',
  patch: 'bg-violet-100 text-violet-800',
  delete: 'bg-red-100 text-red-800',
};

function resolve(doc: Doc, s: Schema | undefined): Schema | undefined {
  return s?.$ref ? doc.components.schemas[s.$ref.split('/').pop()!] : s;
}

function typeOf(doc: Doc, s: Schema | undefined): string {
  if (!s) return 'any';
  if (s.$ref) return s.$ref.split('/').pop()!;
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.map((v) => typeOf(doc, v)).join(' | ');
  const t = Array.isArray(s.type) ? s.type.join(' | ') : s.type;
  if (t === 'array') {
    const item = typeOf(doc, s.items);
    return item.includes(' | ') ? `(${item})[]` : `${item}[]`;
  }
  return [t ?? 'object', s.format ? `(${s.format})` : ''].join(' ').trim();
}

function limits(s: Schema | undefined): string {
  if (!s) return '';
  const out = [];
  if (s.minimum !== undefined) out.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) out.push(`≤ ${s.maximum}`);
  if (s.maxLength !== undefined) out.push(`≤ ${s.maxLength} chars`);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out.join(', ');
}

function Fields({ doc, schema }: { doc: Doc; schema: Schema | undefined }): ReactNode {
  const s = resolve(doc, schema);
  if (!s?.properties) return <p className="font-mono text-xs text-slate-700">{typeOf(doc, schema)}</p>;
  return (
    <table className="w-full text-left text-xs">
      <tbody className="divide-y divide-slate-100 align-top">
        {Object.entries(s.properties).map(([name, p]) => (
          <tr key={name}>
            <td className="w-1/4 py-1.5 pr-3 font-mono text-slate-900">
              {name}
              {s.required?.includes(name) ? <span className="text-red-700" title="required">*</span> : null}
            </td>
            <td className="w-1/4 break-words py-1.5 pr-3 font-mono text-indigo-800">{typeOf(doc, p)}</td>
            <td className="py-1.5 text-slate-600">{[resolve(doc, p)?.description, limits(p)].filter(Boolean).join(' · ').replace(/`/g, '')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Operation({ doc, path, method, op }: { doc: Doc; path: string; method: string; op: Op }) {
  const body = op.requestBody?.content['application/json']?.schema;
  const ok = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
  const errors = Object.entries(op.responses).filter(([status]) => !status.startsWith('2'));
  return (
    <section id={op.operationId} className="scroll-mt-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h3 className="flex flex-wrap items-center gap-2">
        <span className={`rounded px-2 py-0.5 font-mono text-xs font-bold uppercase ${METHOD_TONE[method]}`}>{method}</span>
        <code className="break-all font-mono text-sm text-slate-900">/api/v1{path}</code>
      </h3>
      <p className="mt-2 text-base font-semibold text-slate-900">{op.summary}</p>
      {op.description ? <p className="mt-1 whitespace-pre-line text-sm text-slate-600">{op.description.replace(/`/g, '')}</p> : null}
      {op.parameters?.length ? (
        <div className="mt-4">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Parameters</h4>
          <table className="mt-1 w-full text-left text-xs">
            <tbody className="divide-y divide-slate-100 align-top">
              {op.parameters.map((p) => (
                <tr key={`${p.in}:${p.name}`}>
                  <td className="w-1/4 py-1.5 pr-3 font-mono text-slate-900">
                    {p.name}
                    {p.required ? <span className="text-red-700">*</span> : null}
                  </td>
                  <td className="w-1/4 py-1.5 pr-3 text-slate-500">
                    {p.in} · <span className="font-mono text-indigo-800">{typeOf(doc, p.schema)}</span>
                  </td>
                  <td className="py-1.5 text-slate-600">{[p.description ?? p.schema?.description, limits(p.schema)].filter(Boolean).join(' · ').replace(/`/g, '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {body ? (
        <div className="mt-4">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Request body</h4>
          <Fields doc={doc} schema={body} />
        </div>
      ) : null}
      {ok.map(([status, r]) => (
        <div key={status} className="mt-4">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
            {status} {r.description}
          </h4>
          <Fields doc={doc} schema={r.content?.['application/json']?.schema} />
        </div>
      ))}
      <p className="mt-4 text-xs text-slate-500">Errors (problem+json): {errors.map(([s]) => s).join(', ')}</p>
    </section>
  );
}

export function ApiReferenceView({ doc }: { doc: Doc }) {
  const ops = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
  const tags = [...new Set(ops.map((o) => o.op.tags[0]))];
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-4 sm:px-6">
          <div>
            <h1 className="text-xl font-semibold text-slate-900">{doc.info.title}</h1>
            <p className="text-sm text-slate-500">Version {doc.info.version} · OpenAPI 3.1</p>
          </div>
          <nav className="flex flex-wrap gap-4 text-sm">
            <a className="text-indigo-700 hover:underline" href="/api/v1/openapi.json">
              openapi.json
            </a>
            <a className="text-indigo-700 hover:underline" href="/developers/api/scalar">
              Interactive (Scalar)
            </a>
            <a className="text-indigo-700 hover:underline" href="/admin/developers/api-tokens">
              API tokens
            </a>
          </nav>
        </div>
      </header>
      <div className="mx-auto grid max-w-7xl gap-6 px-4 py-6 sm:px-6 lg:grid-cols-[15rem_1fr]">
        <aside className="lg:sticky lg:top-4 lg:self-start">
          <nav aria-label="Operations" className="space-y-4 text-sm">
            {tags.map((tag) => (
              <div key={tag}>
                <p className="font-semibold text-slate-900">{tag}</p>
                <ul className="mt-1 space-y-1">
                  {ops
                    .filter((o) => o.op.tags[0] === tag)
                    .map((o) => (
                      <li key={o.op.operationId}>
                        <a href={`#${o.op.operationId}`} className="flex items-center gap-2 text-slate-600 hover:text-indigo-700">
                          <span className={`w-12 shrink-0 rounded px-1 text-center font-mono text-[10px] font-bold uppercase ${METHOD_TONE[o.method]}`}>{o.method}</span>
                          <span className="truncate">{o.op.summary}</span>
                        </a>
                      </li>
                    ))}
                </ul>
              </div>
            ))}
          </nav>
        </aside>
        <main className="min-w-0 space-y-6">
          <section className="rounded-xl border border-indigo-100 bg-white p-5 text-sm text-slate-700 shadow-sm">
            <h2 className="text-base font-semibold text-slate-900">Getting started</h2>
            <p className="mt-1">{doc.info.description?.replace(/`/g, '')}</p>
            <pre className="mt-3 overflow-x-auto rounded-lg bg-slate-900 p-3 font-mono text-xs text-slate-100">
              {`curl -H "Authorization: Bearer lc_live_…" "${doc.servers?.[0]?.url ?? '/api/v1'}/conversations?status=active&limit=20"`}
            </pre>
          </section>
          {tags.map((tag) => (
            <div key={tag} className="space-y-4">
              <h2 className="text-lg font-semibold text-slate-900">{tag}</h2>
              {ops
                .filter((o) => o.op.tags[0] === tag)
                .map((o) => (
                  <Operation key={o.op.operationId} doc={doc} {...o} />
                ))}
            </div>
          ))}
        </main>
      </div>
    </div>
  );
}
