'use client';

import type { GreetingRule } from '../../domain/greetings/rules';
import { WIDGET_LANGUAGES, type WidgetLanguage } from '../../shared/languages';
import { Field, fieldProps } from '../ui/Field';
import { Input, Select, Textarea } from '../ui/Input';

const RETURNING: Record<GreetingRule['conditions']['returning'], string> = { any: 'Any visitor', yes: 'Returning visitors only', no: 'New visitors only' };

function newRule(existing: readonly GreetingRule[]): GreetingRule {
  let n = existing.length + 1;
  while (existing.some((r) => r.id === `greeting-${n}`)) n++;
  return {
    id: `greeting-${n}`,
    name: '',
    enabled: true,
    message: '',
    from: { kind: 'team' },
    conditions: { urlContains: '', urlMatches: '', secondsOnPage: 10, minPagesVisited: 1, returning: 'any', languages: [], onlyWithinWorkingHours: false, onlyWhenAgentsOnline: true },
  };
}

/**
 * Console > Widget > Greetings (issue 26 item 4): proactive messages the widget shows by itself when the
 * visitor's page, time, visits and language match, once per visitor per rule. Errors keyed `greetings.0.name`.
 */
export function GreetingsFields({
  value,
  onChange,
  errors,
  agents,
  languageNames,
}: {
  value: GreetingRule[];
  onChange: (next: GreetingRule[]) => void;
  errors: Record<string, string>;
  agents: { id: string; name: string }[];
  languageNames: Record<WidgetLanguage, string>;
}) {
  const setRule = (i: number, patch: Partial<GreetingRule>) => onChange(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const setCond = (i: number, patch: Partial<GreetingRule['conditions']>) => setRule(i, { conditions: { ...value[i].conditions, ...patch } });
  const num = (s: string) => (s.trim() === '' ? 0 : Number(s));

  return (
    <div className="space-y-5 px-5 py-5" data-testid="greetings-settings">
      {errors.greetings ? <p className="text-sm text-red-600">{errors.greetings}</p> : null}
      {value.length === 0 ? <p className="text-sm text-slate-600">No greetings yet. Add one to welcome visitors on the pages where they hesitate.</p> : null}
      {value.map((r, i) => {
        const id = (k: string) => `greeting-${i}-${k}`;
        const err = (k: string) => errors[`greetings.${i}.${k}`];
        return (
          <fieldset key={i} className="space-y-4 rounded-lg border border-slate-200 p-4" data-testid="greeting-rule">
            <legend className="px-1 text-sm font-medium text-slate-800">{r.name || `Greeting ${i + 1}`}</legend>
            <div className="grid gap-4 md:grid-cols-2">
              <Field id={id('name')} label="Name" error={err('name')}>
                <Input {...fieldProps(id('name'), err('name'))} value={r.name} onChange={(e) => setRule(i, { name: e.target.value })} placeholder="Pricing page" />
              </Field>
              <Field id={id('from')} label="From">
                <Select
                  {...fieldProps(id('from'), err('from.agentId'))}
                  value={r.from.kind === 'agent' ? r.from.agentId : ''}
                  onChange={(e) => setRule(i, { from: e.target.value ? { kind: 'agent', agentId: e.target.value } : { kind: 'team' } })}
                >
                  <option value="">The team</option>
                  {agents.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <Field id={id('message')} label="Message" error={err('message')}>
              <Textarea {...fieldProps(id('message'), err('message'))} rows={2} value={r.message} onChange={(e) => setRule(i, { message: e.target.value })} placeholder="Questions about our plans? We're happy to help." />
            </Field>
            <div className="grid gap-4 md:grid-cols-2">
              <Field id={id('contains')} label="Page address contains" hint="Empty: any page." error={err('conditions.urlContains')}>
                <Input {...fieldProps(id('contains'), err('conditions.urlContains'), true)} value={r.conditions.urlContains} onChange={(e) => setCond(i, { urlContains: e.target.value })} placeholder="/pricing" />
              </Field>
              <Field id={id('matches')} label="Page address matches" hint="* is any text, ? one character, e.g. shop.example.com/docs/*" error={err('conditions.urlMatches')}>
                <Input {...fieldProps(id('matches'), err('conditions.urlMatches'), true)} value={r.conditions.urlMatches} onChange={(e) => setCond(i, { urlMatches: e.target.value })} />
              </Field>
              <Field id={id('seconds')} label="Seconds on the page" error={err('conditions.secondsOnPage')}>
                <Input {...fieldProps(id('seconds'), err('conditions.secondsOnPage'))} type="number" min={0} max={3600} value={r.conditions.secondsOnPage} onChange={(e) => setCond(i, { secondsOnPage: num(e.target.value) })} />
              </Field>
              <Field id={id('pages')} label="Pages visited in this session, at least" error={err('conditions.minPagesVisited')}>
                <Input {...fieldProps(id('pages'), err('conditions.minPagesVisited'))} type="number" min={1} max={100} value={r.conditions.minPagesVisited} onChange={(e) => setCond(i, { minPagesVisited: num(e.target.value) })} />
              </Field>
              <Field id={id('returning')} label="Visitors">
                <Select id={id('returning')} value={r.conditions.returning} onChange={(e) => setCond(i, { returning: e.target.value as GreetingRule['conditions']['returning'] })}>
                  {Object.entries(RETURNING).map(([k, label]) => (
                    <option key={k} value={k}>
                      {label}
                    </option>
                  ))}
                </Select>
              </Field>
              <fieldset className="space-y-1.5">
                <legend className="text-sm font-medium text-slate-800">Languages (none ticked: any)</legend>
                <div className="flex flex-wrap gap-x-4 gap-y-1">
                  {WIDGET_LANGUAGES.map((l) => (
                    <label key={l} className="flex items-center gap-1.5 text-sm text-slate-700">
                      <input
                        type="checkbox"
                        className="h-4 w-4 accent-indigo-600"
                        checked={r.conditions.languages.includes(l)}
                        onChange={(e) => setCond(i, { languages: e.target.checked ? [...r.conditions.languages, l] : r.conditions.languages.filter((x) => x !== l) })}
                      />
                      {languageNames[l]}
                    </label>
                  ))}
                </div>
              </fieldset>
            </div>
            <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm text-slate-800">
              {(
                [
                  ['onlyWithinWorkingHours', 'Only within working hours'],
                  ['onlyWhenAgentsOnline', 'Only when agents are online'],
                ] as const
              ).map(([k, label]) => (
                <label key={k} className="flex items-center gap-2">
                  <input type="checkbox" className="h-4 w-4 accent-indigo-600" checked={r.conditions[k]} onChange={(e) => setCond(i, { [k]: e.target.checked })} />
                  {label}
                </label>
              ))}
              <label className="flex items-center gap-2">
                <input type="checkbox" className="h-4 w-4 accent-indigo-600" checked={r.enabled} onChange={(e) => setRule(i, { enabled: e.target.checked })} />
                Active
              </label>
              <button type="button" className="ml-auto text-sm font-medium text-red-700 underline hover:text-red-800" onClick={() => onChange(value.filter((_, j) => j !== i))}>
                Remove greeting
              </button>
            </div>
          </fieldset>
        );
      })}
      {value.length < 20 ? (
        <button type="button" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50" onClick={() => onChange([...value, newRule(value)])} data-testid="greeting-add">
          Add a greeting
        </button>
      ) : null}
    </div>
  );
}
