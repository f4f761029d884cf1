import { z } from 'zod';
import { WIDGET_LANGUAGES, WIDGET_TEXT_KEYS } from '../../shared/languages';
import { PrechatSettings } from '../widget/prechat-config';
import { GreetingRules } from '../greetings/rules';

export { WIDGET_LANGUAGES, WIDGET_TEXT_KEYS, type WidgetLanguage, type WidgetTextKey } from '../../shared/languages';

/**
 * Console > Widget (issue 14): the widget's look, texts per language, pre-chat form and allowed domains.
 * Re-exported by schemas.ts; stored values are re-parsed on load, so every field has a default.
 */

const Localized = z.partialRecord(z.enum(WIDGET_LANGUAGES), z.string().trim().max(500)).default({});

/** WCAG relative luminance of #rrggbb. */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

export const DARK_TEXT = '#0f172a';
/** Text on the brand colour: white when it reads well (4.5:1), else near-black. */
export function textOn(brandColor: string): string {
  return contrastRatio(brandColor, '#ffffff') >= 4.5 ? '#ffffff' : DARK_TEXT;
}

/** `example.com`, `*.example.com`, `shop.example.com:8443`, or a full origin such as `http://127.0.0.1:8080`. */
const DomainPattern = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(https?:\/\/)?(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/, 'Enter a domain like example.com, *.example.com or http://127.0.0.1:8080');

/** An image address for the widget header or emails: https only (no http, data: or javascript:), no quotes or spaces. */
export const LogoUrl = z
  .string()
  .trim()
  .max(500)
  .refine((u) => u === '' || /^https:\/\/[^\s"'<>]+$/i.test(u), 'Use an https:// image address');

export const WidgetSettings = z
  .object({
    brandColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #4f46e5').default('#4f46e5'),
    position: z.enum(['left', 'right']).default('right'),
    offsetX: z.number().int().min(0).max(200).default(20),
    offsetY: z.number().int().min(0).max(200).default(20),
    /** Shown next to the launcher icon; empty = icon only. */
    launcherText: z.string().trim().max(30).default(''),
    /** Header title; empty = the workspace name. */
    companyName: z.string().trim().max(80).default(''),
    logoUrl: LogoUrl.default(''),
    /** F15: shown at the top of every email next to the workspace name; empty = `logoUrl` (if any). */
    emailLogoUrl: LogoUrl.default(''),
    showAgentAvatars: z.boolean().default(true),
    /** Preview bubble of the newest agent message next to the minimised launcher. */
    preview: z.boolean().default(true),
    /** A short sound for a new agent message while minimised (the visitor can mute it). */
    sound: z.boolean().default(true),
    /** Sites the widget may run on; empty = anywhere. */
    allowedDomains: z.array(DomainPattern).max(50).default([]),
    defaultLanguage: z.enum(WIDGET_LANGUAGES).default('en'),
    /** Per text, per language overrides of the admin-written texts. */
    texts: z.partialRecord(z.enum(WIDGET_TEXT_KEYS), Localized).default({}),
    greeting: z.string().trim().max(500).default('Hi! How can we help you today?'),
    /** Optional form before the first message (item 6); src/domain/widget/prechat-config.ts. */
    prechat: PrechatSettings,
    /** Proactive greetings (issue 26 item 4): evaluated in the widget; src/domain/greetings/rules.ts. */
    greetings: GreetingRules,
  });
export type WidgetSettings = z.infer<typeof WidgetSettings>;

/** Whether an embedding origin (e.g. `https://shop.example.com`) matches the allowed list (empty = any). */
export function originAllowed(allowed: readonly string[], origin: string | null | undefined): boolean {
  if (allowed.length === 0) return true;
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const host = url.host.toLowerCase();
  const hostname = url.hostname.toLowerCase();
  return allowed.some((pattern) => {
    if (/^https?:\/\//.test(pattern)) return pattern.replace(/\/$/, '') === url.origin.toLowerCase();
    const target = pattern.includes(':') ? host : hostname;
    if (pattern.startsWith('*.')) return target.endsWith(pattern.slice(1));
    return target === pattern;
  });
}

/** The `frame-ancestors` CSP source list for the allowed domains (`*` when unrestricted). */
export function frameAncestors(allowed: readonly string[]): string {
  if (allowed.length === 0) return '*';
  return allowed.map((p) => (/^https?:\/\//.test(p) ? p : `http://${p} https://${p}`)).join(' ');
}

/**
 * The visitor socket's handshake Origin: our own pages (the widget iframe) always; with allowed domains set,
 * a page of another origin connecting directly must be one of them. Non-browser clients send no Origin.
 */
export function socketOriginAllowed(allowed: readonly string[], productOrigins: readonly string[], origin: string | undefined): boolean {
  if (!origin || allowed.length === 0 || productOrigins.includes(origin)) return true;
  return originAllowed(allowed, origin);
}
