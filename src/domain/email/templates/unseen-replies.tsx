import type { VisitorWording } from '../visitor-wording';
import { fill } from '../visitor-wording';
import { ActionButton, EmailLayout, FooterText, Title, type Brand } from './layout';
import { MessageLines, type TranscriptLine } from './transcript';

/** Agent messages the visitor has not seen in the widget, in their language, with how to answer (F15). */
export function UnseenRepliesEmail(props: { brand: Brand; lines: TranscriptLine[]; canReply: boolean; words: VisitorWording; lang: string; chatUrl: string | null }) {
  const ws = props.brand.workspaceName;
  const title = fill(props.words.unseenTitle, { ws });
  const why = fill(props.words.unseenFooter, { ws });
  return (
    <EmailLayout brand={props.brand} preview={title} lang={props.lang} dir={props.lang === 'ar' ? 'rtl' : 'ltr'} footer={<FooterText>{props.canReply ? `${why} ${props.words.replyHint}` : why}</FooterText>}>
      <Title>{title}</Title>
      <MessageLines lines={props.lines} />
      {props.chatUrl ? <ActionButton href={props.chatUrl}>{props.words.continueChat}</ActionButton> : null}
    </EmailLayout>
  );
}
