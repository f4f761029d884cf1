import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { visitorDevices } from '../../db/schema';
import type { WidgetLanguage } from '../../shared/languages';
import { resolveLanguage } from '../../widget/i18n';
import type { SettingsService } from '../settings/service';
import { isTimeZone } from '../../lib/time-zone';

/** The fixed sentences of the emails a visitor gets (transcript, reply to a left message), per widget language. */
export interface VisitorWording {
  transcriptTitle: string;
  started: string;
  you: string;
  files: string;
  transcriptAsked: string;
  transcriptAuto: string;
  replyHint: string;
  submissionTitle: string;
  youWrote: string;
  submissionFooter: string;
  /** Agent messages the visitor has not seen (F15). */
  unseenTitle: string;
  unseenFooter: string;
  continueChat: string;
}

const WORDING: Record<WidgetLanguage, VisitorWording> = {
  en: {
    transcriptTitle: 'Your chat with {ws}',
    started: 'Started {time}',
    you: 'You',
    files: 'Files: {n}',
    transcriptAsked: 'You get this email because you asked for a copy of your chat.',
    transcriptAuto: 'You get this email because you chatted with {ws}.',
    replyHint: 'Reply to this email to write to us again.',
    submissionTitle: 'Reply to your message #{n}',
    youWrote: 'You wrote:',
    submissionFooter: 'You get this email because you left a message for {ws}.',
    unseenTitle: 'New reply from {ws}',
    unseenFooter: 'You get this email because {ws} answered you in the chat and you have not seen it yet.',
    continueChat: 'Continue the chat',
  },
  de: {
    transcriptTitle: 'Ihr Chat mit {ws}',
    started: 'Begonnen {time}',
    you: 'Sie',
    files: 'Dateien: {n}',
    transcriptAsked: 'Sie erhalten diese E-Mail, weil Sie eine Kopie Ihres Chats angefordert haben.',
    transcriptAuto: 'Sie erhalten diese E-Mail, weil Sie mit {ws} gechattet haben.',
    replyHint: 'Antworten Sie auf diese E-Mail, um uns erneut zu schreiben.',
    submissionTitle: 'Antwort auf Ihre Nachricht #{n}',
    youWrote: 'Sie schrieben:',
    submissionFooter: 'Sie erhalten diese E-Mail, weil Sie {ws} eine Nachricht hinterlassen haben.',
    unseenTitle: 'Neue Antwort von {ws}',
    unseenFooter: 'Sie erhalten diese E-Mail, weil {ws} Ihnen im Chat geantwortet hat und Sie die Antwort noch nicht gesehen haben.',
    continueChat: 'Chat fortsetzen',
  },
  fr: {
    transcriptTitle: 'Votre discussion avec {ws}',
    started: 'Commencée le {time}',
    you: 'Vous',
    files: 'Fichiers : {n}',
    transcriptAsked: 'Vous recevez cet e-mail car vous avez demandé une copie de votre discussion.',
    transcriptAuto: 'Vous recevez cet e-mail car vous avez discuté avec {ws}.',
    replyHint: 'Répondez à cet e-mail pour nous écrire à nouveau.',
    submissionTitle: 'Réponse à votre message n° {n}',
    youWrote: 'Vous avez écrit :',
    submissionFooter: 'Vous recevez cet e-mail car vous avez laissé un message à {ws}.',
    unseenTitle: 'Nouvelle réponse de {ws}',
    unseenFooter: 'Vous recevez cet e-mail car {ws} vous a répondu dans la discussion et vous ne l’avez pas encore vu.',
    continueChat: 'Reprendre la discussion',
  },
  es: {
    transcriptTitle: 'Tu chat con {ws}',
    started: 'Iniciado el {time}',
    you: 'Tú',
    files: 'Archivos: {n}',
    transcriptAsked: 'Recibes este correo porque pediste una copia de tu chat.',
    transcriptAuto: 'Recibes este correo porque chateaste con {ws}.',
    replyHint: 'Responde a este correo para volver a escribirnos.',
    submissionTitle: 'Respuesta a tu mensaje n.º {n}',
    youWrote: 'Escribiste:',
    submissionFooter: 'Recibes este correo porque dejaste un mensaje a {ws}.',
    unseenTitle: 'Nueva respuesta de {ws}',
    unseenFooter: 'Recibes este correo porque {ws} te respondió en el chat y aún no lo has visto.',
    continueChat: 'Continuar el chat',
  },
  pt: {
    transcriptTitle: 'Seu chat com {ws}',
    started: 'Iniciado em {time}',
    you: 'Você',
    files: 'Arquivos: {n}',
    transcriptAsked: 'Você recebe este e-mail porque pediu uma cópia do seu chat.',
    transcriptAuto: 'Você recebe este e-mail porque conversou com {ws}.',
    replyHint: 'Responda a este e-mail para nos escrever novamente.',
    submissionTitle: 'Resposta à sua mensagem nº {n}',
    youWrote: 'Você escreveu:',
    submissionFooter: 'Você recebe este e-mail porque deixou uma mensagem para {ws}.',
    unseenTitle: 'Nova resposta de {ws}',
    unseenFooter: 'Você recebe este e-mail porque {ws} respondeu no chat e você ainda não viu.',
    continueChat: 'Continuar o chat',
  },
  ja: {
    transcriptTitle: '{ws} とのチャット',
    started: '開始 {time}',
    you: 'あなた',
    files: 'ファイル: {n}',
    transcriptAsked: 'チャットのコピーをご依頼いただいたため、このメールをお送りしています。',
    transcriptAuto: '{ws} とチャットされたため、このメールをお送りしています。',
    replyHint: 'このメールに返信すると、再度お問い合わせいただけます。',
    submissionTitle: 'メッセージ #{n} への返信',
    youWrote: 'あなたのメッセージ:',
    submissionFooter: '{ws} にメッセージを残されたため、このメールをお送りしています。',
    unseenTitle: '{ws} からの新しい返信',
    unseenFooter: '{ws} がチャットで返信しましたが、まだご覧になっていないため、このメールをお送りしています。',
    continueChat: 'チャットを続ける',
  },
  'zh-CN': {
    transcriptTitle: '您与 {ws} 的聊天',
    started: '开始于 {time}',
    you: '您',
    files: '文件：{n}',
    transcriptAsked: '您收到此邮件是因为您请求了聊天记录副本。',
    transcriptAuto: '您收到此邮件是因为您与 {ws} 进行了聊天。',
    replyHint: '回复此邮件即可再次联系我们。',
    submissionTitle: '对您的留言 #{n} 的回复',
    youWrote: '您写道：',
    submissionFooter: '您收到此邮件是因为您给 {ws} 留了言。',
    unseenTitle: '来自 {ws} 的新回复',
    unseenFooter: '您收到此邮件是因为 {ws} 在聊天中回复了您，而您尚未查看。',
    continueChat: '继续聊天',
  },
  ar: {
    transcriptTitle: 'محادثتك مع {ws}',
    started: 'بدأت {time}',
    you: 'أنت',
    files: 'الملفات: {n}',
    transcriptAsked: 'تصلك هذه الرسالة لأنك طلبت نسخة من محادثتك.',
    transcriptAuto: 'تصلك هذه الرسالة لأنك تحدثت مع {ws}.',
    replyHint: 'رد على هذه الرسالة لتكتب لنا مجددًا.',
    submissionTitle: 'رد على رسالتك رقم {n}',
    youWrote: 'كتبت:',
    submissionFooter: 'تصلك هذه الرسالة لأنك تركت رسالة لـ {ws}.',
    unseenTitle: 'رد جديد من {ws}',
    unseenFooter: 'تصلك هذه الرسالة لأن {ws} رد عليك في المحادثة ولم تطلع على الرد بعد.',
    continueChat: 'تابع المحادثة',
  },
};

/** A sentence with {placeholders} filled. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function visitorWording(lang: WidgetLanguage): VisitorWording {
  return WORDING[lang] ?? WORDING.en;
}

/** Where and how a visitor reads: their widget language and the time zone their emails' times are shown in. */
export interface VisitorLocale {
  lang: WidgetLanguage;
  timeZone: string;
}

/**
 * The visitor's widget language as the server knows it: the one the site chose (embed `data-lang` or
 * `LiveChat('setLanguage')`, reported by the widget), else the browser's language reported at the handshake
 * (or its Accept-Language), matched like the widget does, else the workspace's default widget language.
 * Times: the browser's time zone reported at the handshake, else the workspace's (working hours), else UTC.
 */
export async function visitorLocale(db: Pick<Db, 'select'>, settings: Pick<SettingsService, 'value'>, workspaceId: string, visitorId: string): Promise<VisitorLocale> {
  const [[device], widget, hours] = await Promise.all([
    db.select({ chosen: visitorDevices.widgetLanguage, language: visitorDevices.language, timeZone: visitorDevices.timeZone }).from(visitorDevices).where(eq(visitorDevices.visitorId, visitorId)),
    settings.value(workspaceId, 'widget'),
    settings.value(workspaceId, 'workingHours'),
  ]);
  const timeZone = [device?.timeZone, hours.workspace.timezone].find((tz): tz is string => typeof tz === 'string' && isTimeZone(tz)) ?? 'UTC';
  return { lang: resolveLanguage([device?.chosen, device?.language], widget.defaultLanguage), timeZone };
}

/** A message time as the visitor reads it: in their language and zone, with the zone's short name ("7 Dec 2026, 14:05 CET"). */
export function visitorTime(iso: string, locale: VisitorLocale): string {
  return new Intl.DateTimeFormat(locale.lang, { timeZone: locale.timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(new Date(iso));
}
