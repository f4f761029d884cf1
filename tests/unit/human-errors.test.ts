import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorMapFor, humanMessage, MESSAGE_LANGUAGES } from '../../src/lib/validation/messages';
import { badRequestFromZod } from '../../src/lib/errors';

const ZOD_ENGLISH = /Too big:|Too small:|Invalid input|expected|Unrecognized key|Invalid option|received/;

const schema = z
  .object({
    limit: z.number().int().min(0).max(100),
    name: z.string().min(1).max(5),
    code: z.string().min(3),
    email: z.email(),
    site: z.url(),
    kind: z.enum(['sales', 'support']),
    tags: z.array(z.string()).max(1),
    groupId: z.uuid(),
    slug: z.string().regex(/^[a-z]+$/),
    either: z.union([z.string(), z.number()]),
    below: z.number().lt(10),
  })
  .strict();

const bad = { limit: 1.5, name: '', code: 'ab', email: 'no', site: 'nope', kind: 'x', tags: ['a', 'b'], groupId: 'x', slug: 'B', either: true, below: 10, extra: 1 };

describe('zod error map: messages for people', () => {
  it('is zod’s default in this process (installed by src/lib/errors.ts) and has no developer wording', () => {
    const r = schema.safeParse(bad);
    expect(r.success).toBe(false);
    const byPath = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.') || '(root)', i.message]));
    expect(byPath).toEqual({
      limit: 'Enter a whole number.',
      name: 'This field is required.',
      code: 'Use at least 3 characters.',
      email: 'Enter a valid email address, like name@example.com.',
      site: 'Enter a full web address, like https://example.com.',
      kind: 'Choose one of: sales, support.',
      tags: 'Add at most 1.',
      groupId: 'Choose an item from the list.',
      slug: 'This is not in the right format.',
      either: 'This value is not valid.',
      below: 'Enter a number below 10.',
      '(root)': 'These fields are not known: extra.',
    });
    for (const m of Object.values(byPath)) expect(m).not.toMatch(ZOD_ENGLISH);
  });

  it('says the limits of numbers and texts the way a form does', () => {
    expect(z.number().max(100).safeParse(101).error!.issues[0].message).toBe('Enter 100 or less.');
    expect(z.number().min(0).safeParse(-1).error!.issues[0].message).toBe('Enter 0 or more.');
    expect(z.number().max(10000).safeParse(20000).error!.issues[0].message).toBe('Enter 10,000 or less.');
    expect(z.string().max(3).safeParse('abcd').error!.issues[0].message).toBe('Use at most 3 characters.');
    expect(z.object({ a: z.number() }).safeParse({}).error!.issues[0].message).toBe('This field is required.');
    expect(z.object({ a: z.number() }).safeParse({ a: 'x' }).error!.issues[0].message).toBe('Enter a number.');
  });

  it('keeps a message a schema gives itself', () => {
    expect(z.string().min(1, 'Give the rule a name').safeParse('').error!.issues[0].message).toBe('Give the rule a name');
  });

  it('has every message in every UI language, none of them zod’s English', () => {
    for (const lang of MESSAGE_LANGUAGES) {
      const r = schema.safeParse(bad, { error: errorMapFor(lang) });
      for (const issue of r.error!.issues) {
        expect(issue.message.length).toBeGreaterThan(3);
        expect(issue.message).not.toMatch(ZOD_ENGLISH);
      }
    }
    expect(humanMessage({ code: 'too_big', origin: 'number', maximum: 100, inclusive: true }, 'de')).toBe('Höchstens 100.');
    expect(humanMessage({ code: 'invalid_type', expected: 'string', input: undefined }, 'fr')).toBe('Ce champ est obligatoire.');
    expect(humanMessage({ code: 'invalid_format', format: 'email' }, 'pt-BR')).toBe('Insira um e-mail válido, como nome@exemplo.com.');
    expect(humanMessage({ code: 'invalid_format', format: 'email' }, 'zh')).toContain('电子邮件');
    expect(humanMessage({ code: 'invalid_format', format: 'email' }, 'xx')).toBe('Enter a valid email address, like name@example.com.');
  });

  it('reaches API error details (the console shows them next to the field)', () => {
    const r = z.object({ value: z.object({ max: z.number().max(100) }) }).safeParse({ value: { max: 500 } });
    const err = badRequestFromZod(r.error!, 'settings');
    expect(err.details).toEqual([{ path: 'value.max', message: 'Enter 100 or less.' }]);
    expect(err.message).toBe('Max: Enter 100 or less.');
  });
});
