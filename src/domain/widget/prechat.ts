import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { skillGroups, visitors } from '../../db/schema';
import { AppError, badRequestFromZod } from '../../lib/errors';
import { CustomerService } from '../crm/service';
import type { SettingsService } from '../settings/service';
import type { PrechatNeed, PrechatSettings } from './prechat-config';
import type { PrechatRecord } from './prechat-record';

/**
 * The widget's pre-chat form (issue 14 item 6) on the server: whether a visitor still has to fill it in,
 * validating the answers against the workspace's form, and saving them on the visitor (and on the CRM
 * customer when auto-save linked one, F2). The chosen group becomes the chat's designated group.
 */

/** The `prechat` object of `chat.start` before it is checked against the workspace's form (shape and caps only). */
export const PrechatInput = z.object({
  name: z.string().max(200).optional(),
  email: z.string().max(300).optional(),
  groupId: z.string().max(100).optional(),
  fields: z.record(z.string().max(40), z.string().max(1000)).optional(),
  consent: z.boolean().optional(),
});
export type PrechatInput = z.infer<typeof PrechatInput>;

export interface PrechatAnswers {
  name: string | null;
  email: string | null;
  groupId: string | null;
  fields: Record<string, string>;
  consent: boolean;
}

const REQUIRED = 'Please fill this in';

function needed(need: PrechatNeed, schema: z.ZodType<string, string>) {
  // `.optional()` first: in Zod 4 an object key whose schema does not accept `undefined` is required, even
  // when the schema would ignore the value (a question that is not asked must not be demanded).
  if (need === 'off') return z.unknown().optional().transform(() => null);
  const blankIsNull = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());
  return need === 'required' ? z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: REQUIRED }).min(1, REQUIRED).pipe(schema)) : blankIsNull.transform((v) => v ?? null);
}

/** The zod schema of one workspace's form: required fields, a valid email, an offered group, the consent box. */
export function prechatSchema(form: PrechatSettings, offeredGroupIds: readonly string[]) {
  const custom = Object.fromEntries(
    form.customFields.map((f) => {
      const text = z.string().trim().max(500, 'At most 500 characters');
      const value = f.type === 'select' ? text.refine((v) => f.options.includes(v), 'Choose one of the options') : text;
      return [f.key, needed(f.required ? 'required' : 'optional', value)];
    }),
  );
  return z.object({
    name: needed(form.name, z.string().trim().max(100, 'At most 100 characters')),
    email: needed(form.email, z.email('Enter a valid email address').max(200)),
    // No group left to offer (all deleted): the question is not asked.
    groupId: needed(offeredGroupIds.length ? form.group.need : 'off', z.string().refine((id) => offeredGroupIds.includes(id), 'Choose one of the topics')),
    fields: z.preprocess((v) => v ?? {}, z.object(custom)).transform((values) => Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string'))),
    consent: form.consent.enabled ? z.literal(true, { error: 'Please agree to continue' }) : z.unknown().optional().transform(() => false),
  });
}

/** The answers checked against the form, or a bad_request whose details name each wrong field (`fields.plan`, `email` …). */
export function checkPrechat(form: PrechatSettings, offeredGroupIds: readonly string[], input: PrechatInput): PrechatAnswers {
  const parsed = prechatSchema(form, offeredGroupIds).safeParse(input);
  if (!parsed.success) throw badRequestFromZod(parsed.error, 'pre-chat form');
  return parsed.data as PrechatAnswers;
}

export interface PrechatDesignation {
  target: { type: 'group'; id: string };
  mode: 'must' | 'may';
}

export class PrechatService {
  private readonly customers: CustomerService;

  constructor(
    private readonly db: Db,
    private readonly settings: SettingsService,
  ) {
    this.customers = new CustomerService(db);
  }

  /** The groups the form offers (configured order; every group when none is chosen), existing ones only. */
  async offeredGroups(workspaceId: string, form: PrechatSettings): Promise<{ id: string; name: string }[]> {
    if (form.group.need === 'off') return [];
    const ids = form.group.groupIds;
    const rows = await this.db
      .select({ id: skillGroups.id, name: skillGroups.name })
      .from(skillGroups)
      .where(and(eq(skillGroups.workspaceId, workspaceId), ids.length ? inArray(skillGroups.id, ids) : undefined))
      .orderBy(skillGroups.name);
    return ids.length ? ids.flatMap((id) => rows.filter((r) => r.id === id)) : rows;
  }

  /** The form is on and this visitor has neither filled it in nor been identified as a CRM customer. */
  async needed(workspaceId: string, visitorId: string): Promise<boolean> {
    const { prechat } = await this.settings.value(workspaceId, 'widget');
    if (!prechat.enabled) return false;
    const [row] = await this.db
      .select({ known: sql<boolean>`${visitors.prechat} is not null or ${visitors.customerId} is not null` })
      .from(visitors)
      .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)));
    return !row?.known;
  }

  /**
   * At `chat.start`: with the form on, a visitor who still has to fill it in must send it; answers are
   * checked and saved. Returns the chosen group's designation (null: keep the embed's).
   */
  async beforeStart(workspaceId: string, visitorId: string, input: PrechatInput | undefined): Promise<PrechatDesignation | null> {
    const { prechat: form } = await this.settings.value(workspaceId, 'widget');
    if (!form.enabled) return null;
    if (!input) {
      if (await this.needed(workspaceId, visitorId)) throw new AppError('bad_request', 'Please fill in the form before the chat starts', [{ path: 'prechat', message: 'required' }]);
      return null;
    }
    const groups = await this.offeredGroups(workspaceId, form);
    const answers = checkPrechat(form, groups.map((g) => g.id), input);
    const group = groups.find((g) => g.id === answers.groupId) ?? null;
    await this.save(workspaceId, visitorId, form, answers, group);
    return group ? { target: { type: 'group', id: group.id }, mode: form.group.designation } : null;
  }

  private async save(workspaceId: string, visitorId: string, form: PrechatSettings, answers: PrechatAnswers, group: { id: string; name: string } | null): Promise<void> {
    const now = new Date().toISOString();
    const record: PrechatRecord = {
      submittedAt: now,
      fields: form.customFields.filter((f) => answers.fields[f.key]).map((f) => ({ key: f.key, label: f.label, value: answers.fields[f.key] })),
      group,
      consent: answers.consent ? { at: now, text: form.consent.text || 'I agree that my details are used to answer my request.', url: form.consent.linkUrl } : null,
    };
    await this.db
      .update(visitors)
      .set({ prechat: record, ...(answers.name ? { name: answers.name } : {}), ...(answers.email ? { email: answers.email } : {}) })
      .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)));
    // Issue 21 item 7: with auto-save on, a visitor who gave an email (and no partnerid) becomes a contact.
    const autoSave = await this.settings.value(workspaceId, 'autoSave');
    if (autoSave.enabled && answers.email) await this.customers.identifyContact(workspaceId, visitorId, { name: answers.name, email: answers.email });
    // F2: a visitor linked to a CRM customer (partnerid or contact, auto-save) completes that customer too.
    await this.customers.adoptPrechatAnswers(workspaceId, visitorId);
  }
}
