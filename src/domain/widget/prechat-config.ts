import { z } from 'zod';
import { WIDGET_LANGUAGES } from '../../shared/languages';

/**
 * Console > Widget > Pre-chat form (issue 14 item 6): which questions the widget asks before the first
 * message. Part of the `widget` settings section; every field has a default (stored values are re-parsed).
 * Labels are given in the workspace default language and optionally per language (`…Texts`), falling back
 * like the other admin texts; empty default labels use the widget's own translated wording.
 */

const Localized = z.partialRecord(z.enum(WIDGET_LANGUAGES), z.string().trim().max(300)).default({});

/** off: not asked; optional: asked, may stay empty; required: must be filled in. */
export const PrechatNeed = z.enum(['off', 'optional', 'required']);
export type PrechatNeed = z.infer<typeof PrechatNeed>;

export const PRECHAT_FIELD_KEY = /^[a-z][a-z0-9_]{0,29}$/;

export const PrechatCustomField = z
  .object({
    /** Saved under this key with the visitor (and in the customer's custom fields). */
    key: z.string().trim().regex(PRECHAT_FIELD_KEY, 'Use lowercase letters, digits and _ , starting with a letter (at most 30)'),
    label: z.string().trim().min(1, 'Give the field a label').max(80, 'Labels are at most 80 characters'),
    labels: Localized,
    type: z.enum(['text', 'select']).default('text'),
    /** The choices of a `select` field. */
    options: z.array(z.string().trim().min(1).max(80)).max(20).default([]),
    required: z.boolean().default(false),
  })
  .refine((f) => f.type !== 'select' || f.options.length > 0, { message: 'A choice field needs at least one option', path: ['options'] });
export type PrechatCustomField = z.infer<typeof PrechatCustomField>;

const HttpsUrl = z
  .string()
  .trim()
  .max(500)
  .refine((u) => u === '' || /^https?:\/\/[^\s"'<>]+$/i.test(u), 'Use a web address starting with https://');

export const PrechatSettings = z
  .object({
    enabled: z.boolean().default(false),
    /** The line above the form; empty = "Before we start" in the visitor's language. */
    intro: z.string().trim().max(300).default(''),
    introTexts: Localized,
    name: PrechatNeed.default('required'),
    email: PrechatNeed.default('optional'),
    /** Department / skill group choice: designates the chosen group for routing (like the embed's data-group). */
    group: z
      .object({
        need: PrechatNeed.default('off'),
        /** The groups offered, in this order; empty = every skill group of the workspace. */
        groupIds: z.array(z.uuid()).max(50).default([]),
        /** must: only that group's agents (queue if none is free); may: prefer them. */
        designation: z.enum(['must', 'may']).default('may'),
        label: z.string().trim().max(80).default(''),
        labels: Localized,
      })
      .prefault({}),
    customFields: z
      .array(PrechatCustomField)
      .max(10, 'At most 10 custom fields')
      .default([])
      .refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, 'Two custom fields have the same key'),
    consent: z
      .object({
        enabled: z.boolean().default(false),
        /** Empty = the widget's own translated sentence. */
        text: z.string().trim().max(300).default(''),
        texts: Localized,
        /** Empty = "Privacy policy" in the visitor's language. */
        linkText: z.string().trim().max(60).default(''),
        linkTexts: Localized,
        /** The data-processing / privacy page; empty = no link. */
        linkUrl: HttpsUrl.default(''),
      })
      .prefault({}),
  })
  .prefault({});
export type PrechatSettings = z.infer<typeof PrechatSettings>;
