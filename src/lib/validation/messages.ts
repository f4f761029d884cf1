import { z } from 'zod';

/**
 * One zod error map with messages for people, in the UI languages (the widget's eight; the console is
 * English). Installed once per process (`installHumanErrors()`, done on import of src/lib/errors.ts and of
 * the console's client API module), so every schema's default message is a sentence a customer can act on
 * ("Enter at most 100.") instead of zod's developer text ("Too big: expected number to be <=100").
 * A message a schema gives itself (`z.string().min(1, 'Enter a name')`) still wins.
 */
export const MESSAGE_LANGUAGES = ['en', 'zh-CN', 'es', 'de', 'fr', 'ja', 'pt', 'ar'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

interface Texts {
  required: string;
  number: string;
  wholeNumber: string;
  text: string;
  yesNo: string;
  list: string;
  invalid: string;
  choose: (options: string) => string;
  atMostNumber: (n: string) => string;
  lessThan: (n: string) => string;
  atLeastNumber: (n: string) => string;
  moreThan: (n: string) => string;
  atMostChars: (n: string) => string;
  atLeastChars: (n: string) => string;
  atMostItems: (n: string) => string;
  atLeastItems: (n: string) => string;
  multipleOf: (n: string) => string;
  email: string;
  url: string;
  format: string;
  pickFromList: string;
  unknownFields: (keys: string) => string;
  fileTooBig: (n: string) => string;
  date: string;
}

const TEXTS: Record<MessageLanguage, Texts> = {
  en: {
    required: 'This field is required.',
    number: 'Enter a number.',
    wholeNumber: 'Enter a whole number.',
    text: 'Enter some text.',
    yesNo: 'Choose yes or no.',
    list: 'Give a list of values.',
    invalid: 'This value is not valid.',
    choose: (o) => `Choose one of: ${o}.`,
    atMostNumber: (n) => `Enter ${n} or less.`,
    lessThan: (n) => `Enter a number below ${n}.`,
    atLeastNumber: (n) => `Enter ${n} or more.`,
    moreThan: (n) => `Enter a number above ${n}.`,
    atMostChars: (n) => `Use at most ${n} characters.`,
    atLeastChars: (n) => `Use at least ${n} characters.`,
    atMostItems: (n) => `Add at most ${n}.`,
    atLeastItems: (n) => `Add at least ${n}.`,
    multipleOf: (n) => `Enter a multiple of ${n}.`,
    email: 'Enter a valid email address, like name@example.com.',
    url: 'Enter a full web address, like https://example.com.',
    format: 'This is not in the right format.',
    pickFromList: 'Choose an item from the list.',
    unknownFields: (k) => `These fields are not known: ${k}.`,
    fileTooBig: (n) => `The file is too large (at most ${n} bytes).`,
    date: 'Enter a valid date.',
  },
  de: {
    required: 'Dieses Feld ist erforderlich.',
    number: 'Bitte eine Zahl eingeben.',
    wholeNumber: 'Bitte eine ganze Zahl eingeben.',
    text: 'Bitte Text eingeben.',
    yesNo: 'Bitte Ja oder Nein wählen.',
    list: 'Bitte eine Liste angeben.',
    invalid: 'Dieser Wert ist ungültig.',
    choose: (o) => `Bitte eines wählen: ${o}.`,
    atMostNumber: (n) => `Höchstens ${n}.`,
    lessThan: (n) => `Bitte eine Zahl unter ${n} eingeben.`,
    atLeastNumber: (n) => `Mindestens ${n}.`,
    moreThan: (n) => `Bitte eine Zahl über ${n} eingeben.`,
    atMostChars: (n) => `Höchstens ${n} Zeichen.`,
    atLeastChars: (n) => `Mindestens ${n} Zeichen.`,
    atMostItems: (n) => `Höchstens ${n} Einträge.`,
    atLeastItems: (n) => `Mindestens ${n} Einträge.`,
    multipleOf: (n) => `Bitte ein Vielfaches von ${n} eingeben.`,
    email: 'Bitte eine gültige E-Mail-Adresse eingeben, z. B. name@example.com.',
    url: 'Bitte eine vollständige Webadresse eingeben, z. B. https://example.com.',
    format: 'Das Format stimmt nicht.',
    pickFromList: 'Bitte einen Eintrag aus der Liste wählen.',
    unknownFields: (k) => `Unbekannte Felder: ${k}.`,
    fileTooBig: (n) => `Die Datei ist zu groß (höchstens ${n} Byte).`,
    date: 'Bitte ein gültiges Datum eingeben.',
  },
  es: {
    required: 'Este campo es obligatorio.',
    number: 'Introduce un número.',
    wholeNumber: 'Introduce un número entero.',
    text: 'Introduce un texto.',
    yesNo: 'Elige sí o no.',
    list: 'Indica una lista de valores.',
    invalid: 'Este valor no es válido.',
    choose: (o) => `Elige uno de: ${o}.`,
    atMostNumber: (n) => `Introduce ${n} o menos.`,
    lessThan: (n) => `Introduce un número menor que ${n}.`,
    atLeastNumber: (n) => `Introduce ${n} o más.`,
    moreThan: (n) => `Introduce un número mayor que ${n}.`,
    atMostChars: (n) => `Usa como máximo ${n} caracteres.`,
    atLeastChars: (n) => `Usa al menos ${n} caracteres.`,
    atMostItems: (n) => `Añade como máximo ${n}.`,
    atLeastItems: (n) => `Añade al menos ${n}.`,
    multipleOf: (n) => `Introduce un múltiplo de ${n}.`,
    email: 'Introduce un correo electrónico válido, como nombre@ejemplo.com.',
    url: 'Introduce una dirección web completa, como https://ejemplo.com.',
    format: 'El formato no es correcto.',
    pickFromList: 'Elige un elemento de la lista.',
    unknownFields: (k) => `Campos desconocidos: ${k}.`,
    fileTooBig: (n) => `El archivo es demasiado grande (máximo ${n} bytes).`,
    date: 'Introduce una fecha válida.',
  },
  fr: {
    required: 'Ce champ est obligatoire.',
    number: 'Saisissez un nombre.',
    wholeNumber: 'Saisissez un nombre entier.',
    text: 'Saisissez un texte.',
    yesNo: 'Choisissez oui ou non.',
    list: 'Indiquez une liste de valeurs.',
    invalid: "Cette valeur n'est pas valide.",
    choose: (o) => `Choisissez parmi : ${o}.`,
    atMostNumber: (n) => `Saisissez ${n} ou moins.`,
    lessThan: (n) => `Saisissez un nombre inférieur à ${n}.`,
    atLeastNumber: (n) => `Saisissez ${n} ou plus.`,
    moreThan: (n) => `Saisissez un nombre supérieur à ${n}.`,
    atMostChars: (n) => `${n} caractères au maximum.`,
    atLeastChars: (n) => `${n} caractères au minimum.`,
    atMostItems: (n) => `${n} éléments au maximum.`,
    atLeastItems: (n) => `${n} éléments au minimum.`,
    multipleOf: (n) => `Saisissez un multiple de ${n}.`,
    email: 'Saisissez une adresse e-mail valide, comme nom@exemple.com.',
    url: 'Saisissez une adresse web complète, comme https://exemple.com.',
    format: "Le format n'est pas correct.",
    pickFromList: 'Choisissez un élément de la liste.',
    unknownFields: (k) => `Champs inconnus : ${k}.`,
    fileTooBig: (n) => `Le fichier est trop volumineux (${n} octets au maximum).`,
    date: 'Saisissez une date valide.',
  },
  pt: {
    required: 'Este campo é obrigatório.',
    number: 'Insira um número.',
    wholeNumber: 'Insira um número inteiro.',
    text: 'Insira um texto.',
    yesNo: 'Escolha sim ou não.',
    list: 'Indique uma lista de valores.',
    invalid: 'Este valor não é válido.',
    choose: (o) => `Escolha um de: ${o}.`,
    atMostNumber: (n) => `Insira ${n} ou menos.`,
    lessThan: (n) => `Insira um número menor que ${n}.`,
    atLeastNumber: (n) => `Insira ${n} ou mais.`,
    moreThan: (n) => `Insira um número maior que ${n}.`,
    atMostChars: (n) => `Use no máximo ${n} caracteres.`,
    atLeastChars: (n) => `Use pelo menos ${n} caracteres.`,
    atMostItems: (n) => `Adicione no máximo ${n}.`,
    atLeastItems: (n) => `Adicione pelo menos ${n}.`,
    multipleOf: (n) => `Insira um múltiplo de ${n}.`,
    email: 'Insira um e-mail válido, como nome@exemplo.com.',
    url: 'Insira um endereço web completo, como https://exemplo.com.',
    format: 'O formato não está correto.',
    pickFromList: 'Escolha um item da lista.',
    unknownFields: (k) => `Campos desconhecidos: ${k}.`,
    fileTooBig: (n) => `O arquivo é grande demais (no máximo ${n} bytes).`,
    date: 'Insira uma data válida.',
  },
  'zh-CN': {
    required: '此项为必填项。',
    number: '请输入数字。',
    wholeNumber: '请输入整数。',
    text: '请输入文字。',
    yesNo: '请选择是或否。',
    list: '请提供一个列表。',
    invalid: '此值无效。',
    choose: (o) => `请从以下选项中选择：${o}。`,
    atMostNumber: (n) => `请输入不大于 ${n} 的数字。`,
    lessThan: (n) => `请输入小于 ${n} 的数字。`,
    atLeastNumber: (n) => `请输入不小于 ${n} 的数字。`,
    moreThan: (n) => `请输入大于 ${n} 的数字。`,
    atMostChars: (n) => `最多 ${n} 个字符。`,
    atLeastChars: (n) => `至少 ${n} 个字符。`,
    atMostItems: (n) => `最多 ${n} 项。`,
    atLeastItems: (n) => `至少 ${n} 项。`,
    multipleOf: (n) => `请输入 ${n} 的倍数。`,
    email: '请输入有效的电子邮件地址，例如 name@example.com。',
    url: '请输入完整的网址，例如 https://example.com。',
    format: '格式不正确。',
    pickFromList: '请从列表中选择一项。',
    unknownFields: (k) => `未知字段：${k}。`,
    fileTooBig: (n) => `文件过大（最多 ${n} 字节）。`,
    date: '请输入有效的日期。',
  },
  ja: {
    required: 'この項目は必須です。',
    number: '数値を入力してください。',
    wholeNumber: '整数を入力してください。',
    text: 'テキストを入力してください。',
    yesNo: 'はいかいいえを選んでください。',
    list: '値のリストを指定してください。',
    invalid: 'この値は無効です。',
    choose: (o) => `次から選んでください: ${o}。`,
    atMostNumber: (n) => `${n} 以下を入力してください。`,
    lessThan: (n) => `${n} 未満の数値を入力してください。`,
    atLeastNumber: (n) => `${n} 以上を入力してください。`,
    moreThan: (n) => `${n} より大きい数値を入力してください。`,
    atMostChars: (n) => `${n} 文字以内で入力してください。`,
    atLeastChars: (n) => `${n} 文字以上で入力してください。`,
    atMostItems: (n) => `${n} 件以内にしてください。`,
    atLeastItems: (n) => `${n} 件以上にしてください。`,
    multipleOf: (n) => `${n} の倍数を入力してください。`,
    email: '有効なメールアドレスを入力してください（例: name@example.com）。',
    url: '完全なウェブアドレスを入力してください（例: https://example.com）。',
    format: '形式が正しくありません。',
    pickFromList: '一覧から選んでください。',
    unknownFields: (k) => `不明な項目: ${k}。`,
    fileTooBig: (n) => `ファイルが大きすぎます（最大 ${n} バイト）。`,
    date: '有効な日付を入力してください。',
  },
  ar: {
    required: 'هذا الحقل مطلوب.',
    number: 'أدخل رقمًا.',
    wholeNumber: 'أدخل عددًا صحيحًا.',
    text: 'أدخل نصًا.',
    yesNo: 'اختر نعم أو لا.',
    list: 'أدخل قائمة من القيم.',
    invalid: 'هذه القيمة غير صالحة.',
    choose: (o) => `اختر واحدًا من: ${o}.`,
    atMostNumber: (n) => `أدخل ${n} أو أقل.`,
    lessThan: (n) => `أدخل رقمًا أقل من ${n}.`,
    atLeastNumber: (n) => `أدخل ${n} أو أكثر.`,
    moreThan: (n) => `أدخل رقمًا أكبر من ${n}.`,
    atMostChars: (n) => `استخدم ${n} حرفًا على الأكثر.`,
    atLeastChars: (n) => `استخدم ${n} حرفًا على الأقل.`,
    atMostItems: (n) => `أضف ${n} على الأكثر.`,
    atLeastItems: (n) => `أضف ${n} على الأقل.`,
    multipleOf: (n) => `أدخل مضاعفًا للعدد ${n}.`,
    email: 'أدخل بريدًا إلكترونيًا صالحًا مثل name@example.com.',
    url: 'أدخل عنوان ويب كاملًا مثل https://example.com.',
    format: 'التنسيق غير صحيح.',
    pickFromList: 'اختر عنصرًا من القائمة.',
    unknownFields: (k) => `حقول غير معروفة: ${k}.`,
    fileTooBig: (n) => `الملف كبير جدًا (${n} بايت على الأكثر).`,
    date: 'أدخل تاريخًا صالحًا.',
  },
};

/** The fields of a zod issue this map reads (zod 4's raw issue, before its message is set). */
export interface IssueLike {
  code?: string;
  input?: unknown;
  expected?: string;
  origin?: string;
  format?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  inclusive?: boolean;
  divisor?: number | bigint;
  values?: readonly unknown[];
  keys?: readonly string[];
}

function texts(lang: string | undefined): Texts {
  if (lang && lang in TEXTS) return TEXTS[lang as MessageLanguage];
  const base = lang?.split('-')[0];
  if (base === 'zh') return TEXTS['zh-CN'];
  return (base && TEXTS[base as MessageLanguage]) || TEXTS.en;
}

function num(n: number | bigint | undefined, lang: string): string {
  if (n === undefined) return '';
  return typeof n === 'bigint' ? n.toString() : new Intl.NumberFormat(lang === 'ar' ? 'ar' : lang).format(n);
}

function option(v: unknown): string {
  return typeof v === 'string' ? v : String(v);
}

/** The message for one issue, in `lang` (default English). */
export function humanMessage(issue: IssueLike, lang: string = 'en'): string {
  const t = texts(lang);
  const L = MESSAGE_LANGUAGES.includes(lang as MessageLanguage) ? lang : 'en';
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined || issue.input === null) return t.required;
      switch (issue.expected) {
        case 'number':
        case 'nan':
        case 'bigint':
          return t.number;
        case 'int':
          return t.wholeNumber;
        case 'string':
          return t.text;
        case 'boolean':
          return t.yesNo;
        case 'array':
          return t.list;
        case 'date':
          return t.date;
        default:
          return t.invalid;
      }
    }
    case 'too_big': {
      const n = num(issue.maximum, L);
      switch (issue.origin) {
        case 'string':
          return t.atMostChars(n);
        case 'array':
        case 'set':
          return t.atMostItems(n);
        case 'file':
          return t.fileTooBig(n);
        default:
          return issue.inclusive === false ? t.lessThan(n) : t.atMostNumber(n);
      }
    }
    case 'too_small': {
      const n = num(issue.minimum, L);
      switch (issue.origin) {
        case 'string':
          return Number(issue.minimum) === 1 ? t.required : t.atLeastChars(n);
        case 'array':
        case 'set':
          return t.atLeastItems(n);
        default:
          return issue.inclusive === false ? t.moreThan(n) : t.atLeastNumber(n);
      }
    }
    case 'invalid_format':
      if (issue.format === 'email') return t.email;
      if (issue.format === 'url') return t.url;
      if (issue.format === 'uuid' || issue.format === 'guid' || issue.format === 'cuid' || issue.format === 'nanoid') return t.pickFromList;
      if (issue.format === 'datetime' || issue.format === 'date') return t.date;
      return t.format;
    case 'not_multiple_of':
      return t.multipleOf(num(issue.divisor, L));
    case 'invalid_value': {
      const values = issue.values ?? [];
      if (values.length === 0 || values.length > 8) return t.invalid;
      return t.choose(values.map(option).join(', '));
    }
    case 'unrecognized_keys':
      return t.unknownFields((issue.keys ?? []).join(', '));
    default:
      return t.invalid;
  }
}

/** A zod error map (for `schema.safeParse(x, { error: errorMapFor('de') })`). */
export function errorMapFor(lang: string) {
  return (issue: IssueLike) => humanMessage(issue, lang);
}

/** Makes the English human messages zod's default in this process (idempotent). */
export function installHumanErrors(): void {
  z.config({ customError: (issue) => humanMessage(issue as IssueLike, 'en') });
}

installHumanErrors();
