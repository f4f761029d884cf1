import { localized, WIDGET_LANGUAGES, type WidgetLanguage, type WidgetTextKey } from './languages';

/**
 * The widget's own UI texts in every supported language, and the language choice: an explicit choice (embed
 * `data-lang`, `LiveChat('setLanguage')`) first, then the browser's languages, then the workspace default.
 * `zh`, `zh-Hans`, `zh-SG` mean Simplified Chinese; a regional variant (`de-AT`, `pt-BR`) its base language.
 */

const en = {
  openChat: 'Open chat',
  closeChat: 'Close chat',
  newMessage: 'New message',
  dismiss: 'Dismiss',
  minimise: 'Minimise chat',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  unavailable: 'Unavailable',
  repliesFast: 'Typically replies in a few minutes',
  repliesIn: 'Typically replies in {minutes} min',
  backAt: 'We’re away · back at {time}',
  away: 'We’re away right now · leave a message',
  waiting: 'Waiting for an agent',
  waitingPosition: 'Waiting for an agent · #{position} in queue',
  chattingWith: 'Chatting with {name}',
  anAgent: 'an agent',
  messageAnyTime: 'Message us any time',
  endChat: 'End chat',
  leaveQueue: 'Leave queue',
  write: 'Write a message…',
  message: 'Message',
  send: 'Send',
  sending: 'Sending…',
  retry: 'Retry',
  typing: '{name} is typing…',
  ended: 'This chat has ended.',
  newChat: 'Start a new chat',
  messageLeft: 'Thanks — your message was sent. We’ll get back to you by email.',
  messageLeftRef: 'Thanks — your message was sent (reference #{number}). We’ll get back to you.',
  alwaysOn: 'We’ll reply as soon as we can — you can leave this page; replies will be here when you come back.',
  soundOn: 'Sound on',
  soundOff: 'Sound off',
  notAllowed: 'This chat is not available on this website.',
  refused: 'This chat is not available. Please contact the site owner.',
  unverified: 'We could not verify your identity for this chat. Please sign in again on the site, or contact the site owner.',
  preChatTitle: 'Before we start',
  name: 'Name',
  email: 'Email',
  topic: 'What is it about?',
  chooseTopic: 'Choose a topic',
  startChat: 'Start chat',
  emailInvalid: 'Enter a valid email address',
  required: 'Please fill this in',
  consentNeeded: 'Please agree to continue',
  privacy: 'Privacy policy',
  consent: 'I agree that my details are used to answer my request.',
  optional: 'optional',
  choose: 'Choose…',
};
export type UiKey = keyof typeof en;
type Dict = Record<UiKey, string>;

const de: Dict = {
  openChat: 'Chat öffnen', closeChat: 'Chat schließen', newMessage: 'Neue Nachricht', dismiss: 'Schließen', minimise: 'Chat minimieren',
  connecting: 'Verbinde…', reconnecting: 'Verbindung wird wiederhergestellt…', unavailable: 'Nicht verfügbar',
  repliesFast: 'Antwortet meist in wenigen Minuten', repliesIn: 'Antwortet meist in {minutes} Min.', backAt: 'Gerade nicht da · zurück {time}',
  away: 'Gerade nicht da · hinterlassen Sie eine Nachricht', waiting: 'Warte auf einen Mitarbeiter', waitingPosition: 'Warte auf einen Mitarbeiter · Platz {position}',
  chattingWith: 'Chat mit {name}', anAgent: 'einem Mitarbeiter', messageAnyTime: 'Schreiben Sie uns jederzeit', endChat: 'Chat beenden', leaveQueue: 'Warteschlange verlassen',
  write: 'Nachricht schreiben…', message: 'Nachricht', send: 'Senden', sending: 'Wird gesendet…', retry: 'Erneut versuchen', typing: '{name} schreibt…',
  ended: 'Dieser Chat ist beendet.', newChat: 'Neuen Chat starten', messageLeft: 'Danke – Ihre Nachricht wurde gesendet. Wir melden uns per E-Mail.',
  messageLeftRef: 'Danke – Ihre Nachricht wurde gesendet (Referenz #{number}). Wir melden uns.',
  alwaysOn: 'Wir antworten so bald wie möglich – Sie können die Seite verlassen; Antworten finden Sie hier, wenn Sie zurückkommen.',
  soundOn: 'Ton an', soundOff: 'Ton aus', notAllowed: 'Dieser Chat ist auf dieser Website nicht verfügbar.', refused: 'Dieser Chat ist nicht verfügbar. Bitte wenden Sie sich an den Betreiber der Website.',
  unverified: 'Wir konnten Ihre Identität nicht bestätigen. Bitte melden Sie sich erneut an.', preChatTitle: 'Bevor es losgeht', name: 'Name', email: 'E-Mail',
  topic: 'Worum geht es?', chooseTopic: 'Thema wählen', startChat: 'Chat starten', emailInvalid: 'Bitte eine gültige E-Mail-Adresse eingeben', required: 'Bitte ausfüllen',
  consentNeeded: 'Bitte stimmen Sie zu, um fortzufahren', privacy: 'Datenschutzerklärung', consent: 'Ich bin einverstanden, dass meine Angaben zur Bearbeitung meiner Anfrage verwendet werden.', optional: 'optional', choose: 'Bitte wählen…',
};
const fr: Dict = {
  openChat: 'Ouvrir le chat', closeChat: 'Fermer le chat', newMessage: 'Nouveau message', dismiss: 'Fermer', minimise: 'Réduire le chat',
  connecting: 'Connexion…', reconnecting: 'Reconnexion…', unavailable: 'Indisponible',
  repliesFast: 'Répond généralement en quelques minutes', repliesIn: 'Répond généralement en {minutes} min', backAt: 'Absents · de retour {time}',
  away: 'Absents pour le moment · laissez un message', waiting: 'En attente d’un conseiller', waitingPosition: 'En attente d’un conseiller · n° {position}',
  chattingWith: 'En discussion avec {name}', anAgent: 'un conseiller', messageAnyTime: 'Écrivez-nous à tout moment', endChat: 'Terminer', leaveQueue: 'Quitter la file',
  write: 'Écrire un message…', message: 'Message', send: 'Envoyer', sending: 'Envoi…', retry: 'Réessayer', typing: '{name} écrit…',
  ended: 'Cette discussion est terminée.', newChat: 'Nouvelle discussion', messageLeft: 'Merci, votre message a été envoyé. Nous vous répondrons par e-mail.',
  messageLeftRef: 'Merci, votre message a été envoyé (référence n° {number}). Nous vous répondrons.',
  alwaysOn: 'Nous répondrons dès que possible ; vous pouvez quitter la page, les réponses seront ici à votre retour.',
  soundOn: 'Son activé', soundOff: 'Son coupé', notAllowed: 'Ce chat n’est pas disponible sur ce site.', refused: 'Ce chat n’est pas disponible. Contactez le propriétaire du site.',
  unverified: 'Nous n’avons pas pu vérifier votre identité. Reconnectez-vous sur le site.', preChatTitle: 'Avant de commencer', name: 'Nom', email: 'E-mail',
  topic: 'À quel sujet ?', chooseTopic: 'Choisir un sujet', startChat: 'Démarrer', emailInvalid: 'Saisissez une adresse e-mail valide', required: 'Champ obligatoire',
  consentNeeded: 'Veuillez accepter pour continuer', privacy: 'Politique de confidentialité', consent: 'J’accepte que mes données soient utilisées pour répondre à ma demande.', optional: 'facultatif', choose: 'Choisir…',
};
const es: Dict = {
  openChat: 'Abrir chat', closeChat: 'Cerrar chat', newMessage: 'Nuevo mensaje', dismiss: 'Cerrar', minimise: 'Minimizar chat',
  connecting: 'Conectando…', reconnecting: 'Reconectando…', unavailable: 'No disponible',
  repliesFast: 'Suele responder en pocos minutos', repliesIn: 'Suele responder en {minutes} min', backAt: 'Ausentes · volvemos {time}',
  away: 'Ausentes ahora · deja un mensaje', waiting: 'Esperando a un agente', waitingPosition: 'Esperando a un agente · n.º {position} en la cola',
  chattingWith: 'Chateando con {name}', anAgent: 'un agente', messageAnyTime: 'Escríbenos cuando quieras', endChat: 'Terminar chat', leaveQueue: 'Salir de la cola',
  write: 'Escribe un mensaje…', message: 'Mensaje', send: 'Enviar', sending: 'Enviando…', retry: 'Reintentar', typing: '{name} está escribiendo…',
  ended: 'Este chat ha terminado.', newChat: 'Iniciar un chat nuevo', messageLeft: 'Gracias, tu mensaje se ha enviado. Te responderemos por correo.',
  messageLeftRef: 'Gracias, tu mensaje se ha enviado (referencia n.º {number}). Te responderemos.',
  alwaysOn: 'Responderemos lo antes posible; puedes salir de esta página y verás las respuestas al volver.',
  soundOn: 'Sonido activado', soundOff: 'Sonido desactivado', notAllowed: 'Este chat no está disponible en este sitio.', refused: 'Este chat no está disponible. Contacta con el propietario del sitio.',
  unverified: 'No pudimos verificar tu identidad. Vuelve a iniciar sesión en el sitio.', preChatTitle: 'Antes de empezar', name: 'Nombre', email: 'Correo electrónico',
  topic: '¿Sobre qué es?', chooseTopic: 'Elige un tema', startChat: 'Empezar chat', emailInvalid: 'Introduce un correo válido', required: 'Rellena este campo',
  consentNeeded: 'Acepta para continuar', privacy: 'Política de privacidad', consent: 'Acepto que mis datos se usen para responder a mi consulta.', optional: 'opcional', choose: 'Elige…',
};
const pt: Dict = {
  openChat: 'Abrir chat', closeChat: 'Fechar chat', newMessage: 'Nova mensagem', dismiss: 'Fechar', minimise: 'Minimizar chat',
  connecting: 'Conectando…', reconnecting: 'Reconectando…', unavailable: 'Indisponível',
  repliesFast: 'Costuma responder em poucos minutos', repliesIn: 'Costuma responder em {minutes} min', backAt: 'Ausentes · voltamos {time}',
  away: 'Ausentes agora · deixe uma mensagem', waiting: 'Aguardando um atendente', waitingPosition: 'Aguardando um atendente · n.º {position} na fila',
  chattingWith: 'Conversando com {name}', anAgent: 'um atendente', messageAnyTime: 'Escreva-nos quando quiser', endChat: 'Encerrar chat', leaveQueue: 'Sair da fila',
  write: 'Escreva uma mensagem…', message: 'Mensagem', send: 'Enviar', sending: 'Enviando…', retry: 'Tentar novamente', typing: '{name} está digitando…',
  ended: 'Este chat foi encerrado.', newChat: 'Iniciar novo chat', messageLeft: 'Obrigado, sua mensagem foi enviada. Responderemos por e-mail.',
  messageLeftRef: 'Obrigado, sua mensagem foi enviada (referência n.º {number}). Responderemos em breve.',
  alwaysOn: 'Responderemos assim que possível; você pode sair desta página e verá as respostas quando voltar.',
  soundOn: 'Som ligado', soundOff: 'Som desligado', notAllowed: 'Este chat não está disponível neste site.', refused: 'Este chat não está disponível. Contate o dono do site.',
  unverified: 'Não foi possível verificar sua identidade. Entre novamente no site.', preChatTitle: 'Antes de começar', name: 'Nome', email: 'E-mail',
  topic: 'Sobre o que é?', chooseTopic: 'Escolha um assunto', startChat: 'Iniciar chat', emailInvalid: 'Informe um e-mail válido', required: 'Preencha este campo',
  consentNeeded: 'Aceite para continuar', privacy: 'Política de privacidade', consent: 'Concordo que os meus dados sejam usados para responder ao meu pedido.', optional: 'opcional', choose: 'Escolha…',
};
const ja: Dict = {
  openChat: 'チャットを開く', closeChat: 'チャットを閉じる', newMessage: '新着メッセージ', dismiss: '閉じる', minimise: 'チャットを最小化',
  connecting: '接続中…', reconnecting: '再接続中…', unavailable: 'ご利用いただけません',
  repliesFast: '通常数分以内に返信します', repliesIn: '通常{minutes}分以内に返信します', backAt: '現在不在 · {time}に再開',
  away: '現在不在です · メッセージを残してください', waiting: '担当者を待っています', waitingPosition: '担当者を待っています · {position}番目',
  chattingWith: '{name}とチャット中', anAgent: '担当者', messageAnyTime: 'いつでもメッセージをどうぞ', endChat: 'チャットを終了', leaveQueue: '待機をやめる',
  write: 'メッセージを入力…', message: 'メッセージ', send: '送信', sending: '送信中…', retry: '再試行', typing: '{name}が入力中…',
  ended: 'このチャットは終了しました。', newChat: '新しいチャットを開始', messageLeft: 'メッセージを送信しました。メールでご連絡します。',
  messageLeftRef: 'メッセージを送信しました（受付番号 #{number}）。追ってご連絡します。',
  alwaysOn: 'できるだけ早く返信します。このページを離れても、戻ったときに返信が表示されます。',
  soundOn: 'サウンドオン', soundOff: 'サウンドオフ', notAllowed: 'このサイトではこのチャットをご利用いただけません。', refused: 'このチャットはご利用いただけません。サイト運営者にお問い合わせください。',
  unverified: '本人確認ができませんでした。サイトに再度ログインしてください。', preChatTitle: 'はじめる前に', name: 'お名前', email: 'メールアドレス',
  topic: 'ご用件', chooseTopic: 'ご用件を選択', startChat: 'チャットを開始', emailInvalid: '有効なメールアドレスを入力してください', required: '入力してください',
  consentNeeded: '続行するには同意してください', privacy: 'プライバシーポリシー', consent: 'お問い合わせへの回答のために私の情報が使用されることに同意します。', optional: '任意', choose: '選択してください…',
};
const zhCN: Dict = {
  openChat: '打开聊天', closeChat: '关闭聊天', newMessage: '新消息', dismiss: '关闭', minimise: '最小化聊天',
  connecting: '连接中…', reconnecting: '重新连接中…', unavailable: '不可用',
  repliesFast: '通常几分钟内回复', repliesIn: '通常 {minutes} 分钟内回复', backAt: '暂时离开 · {time} 回来',
  away: '暂时离开 · 请留言', waiting: '正在等待客服', waitingPosition: '正在等待客服 · 排队第 {position} 位',
  chattingWith: '正在与 {name} 聊天', anAgent: '客服', messageAnyTime: '随时给我们留言', endChat: '结束聊天', leaveQueue: '退出排队',
  write: '输入消息…', message: '消息', send: '发送', sending: '发送中…', retry: '重试', typing: '{name} 正在输入…',
  ended: '本次聊天已结束。', newChat: '开始新的聊天', messageLeft: '谢谢，您的留言已发送。我们会通过邮件回复您。',
  messageLeftRef: '谢谢，您的留言已发送（编号 #{number}）。我们会尽快回复。',
  alwaysOn: '我们会尽快回复——您可以离开此页面，回来时可以看到回复。',
  soundOn: '声音开', soundOff: '声音关', notAllowed: '此网站不可使用该聊天。', refused: '此聊天不可用，请联系网站所有者。',
  unverified: '无法验证您的身份，请在网站重新登录。', preChatTitle: '开始之前', name: '姓名', email: '邮箱',
  topic: '咨询内容', chooseTopic: '选择主题', startChat: '开始聊天', emailInvalid: '请输入有效的邮箱地址', required: '请填写此项',
  consentNeeded: '请同意后继续', privacy: '隐私政策', consent: '我同意将我的信息用于回复我的请求。', optional: '选填', choose: '请选择…',
};
const ar: Dict = {
  openChat: 'فتح الدردشة', closeChat: 'إغلاق الدردشة', newMessage: 'رسالة جديدة', dismiss: 'إغلاق', minimise: 'تصغير الدردشة',
  connecting: 'جارٍ الاتصال…', reconnecting: 'جارٍ إعادة الاتصال…', unavailable: 'غير متاح',
  repliesFast: 'نرد عادة خلال دقائق', repliesIn: 'نرد عادة خلال {minutes} دقيقة', backAt: 'غير متاحين الآن · نعود {time}',
  away: 'غير متاحين الآن · اترك رسالة', waiting: 'بانتظار أحد الموظفين', waitingPosition: 'بانتظار أحد الموظفين · رقمك {position}',
  chattingWith: 'تتحدث مع {name}', anAgent: 'أحد الموظفين', messageAnyTime: 'راسلنا في أي وقت', endChat: 'إنهاء الدردشة', leaveQueue: 'مغادرة الانتظار',
  write: 'اكتب رسالة…', message: 'رسالة', send: 'إرسال', sending: 'جارٍ الإرسال…', retry: 'إعادة المحاولة', typing: '{name} يكتب…',
  ended: 'انتهت هذه الدردشة.', newChat: 'بدء دردشة جديدة', messageLeft: 'شكرًا، تم إرسال رسالتك. سنرد عليك عبر البريد الإلكتروني.',
  messageLeftRef: 'شكرًا، تم إرسال رسالتك (المرجع #{number}). سنرد عليك قريبًا.',
  alwaysOn: 'سنرد في أقرب وقت ممكن؛ يمكنك مغادرة الصفحة وستجد الردود هنا عند عودتك.',
  soundOn: 'الصوت مفعّل', soundOff: 'الصوت متوقف', notAllowed: 'هذه الدردشة غير متاحة على هذا الموقع.', refused: 'هذه الدردشة غير متاحة. يرجى التواصل مع مالك الموقع.',
  unverified: 'تعذر التحقق من هويتك. يرجى تسجيل الدخول مجددًا.', preChatTitle: 'قبل أن نبدأ', name: 'الاسم', email: 'البريد الإلكتروني',
  topic: 'ما الموضوع؟', chooseTopic: 'اختر موضوعًا', startChat: 'بدء الدردشة', emailInvalid: 'أدخل بريدًا إلكترونيًا صالحًا', required: 'يرجى ملء هذا الحقل',
  consentNeeded: 'يرجى الموافقة للمتابعة', privacy: 'سياسة الخصوصية', consent: 'أوافق على استخدام بياناتي للرد على طلبي.', optional: 'اختياري', choose: 'اختر…',
};

const DICTS: Record<WidgetLanguage, Dict> = { en, de, fr, es, pt, ja, 'zh-CN': zhCN, ar };

export const RTL_LANGUAGES: ReadonlySet<WidgetLanguage> = new Set(['ar']);

/** Maps one language tag (`de-AT`, `zh-Hans`, `PT_br`) to a supported language, or null. */
export function matchLanguage(tag: string | null | undefined): WidgetLanguage | null {
  if (!tag) return null;
  const t = tag.trim().replace(/_/g, '-').toLowerCase();
  if (!t) return null;
  const exact = WIDGET_LANGUAGES.find((l) => l.toLowerCase() === t);
  if (exact) return exact;
  const base = t.split('-')[0];
  if (base === 'zh') return /hant|-tw|-hk|-mo/.test(t) ? null : 'zh-CN';
  return WIDGET_LANGUAGES.find((l) => l === base) ?? null;
}

/** The first supported language of the candidates (explicit choice first, then the browser's), else the fallback. */
export function resolveLanguage(candidates: readonly (string | null | undefined)[], fallback: WidgetLanguage): WidgetLanguage {
  for (const c of candidates) {
    const m = matchLanguage(c);
    if (m) return m;
  }
  return fallback;
}

/** A UI text in a language with {placeholders} filled. */
export function t(lang: WidgetLanguage, key: UiKey, vars: Record<string, string | number> = {}): string {
  const template = DICTS[lang]?.[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/**
 * An admin-written text in the visitor's language: the per-language text, else the workspace default
 * language's, else `fallback` (the section's own default text, e.g. the queue message), with {placeholders}.
 */
export function adminText(
  texts: Partial<Record<WidgetTextKey, Partial<Record<WidgetLanguage, string>>>>,
  key: WidgetTextKey,
  lang: WidgetLanguage,
  defaultLanguage: WidgetLanguage,
  fallback: string,
  vars: Record<string, string | number> = {},
): string {
  const template = localized(texts[key], lang, defaultLanguage, fallback);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
}
