import { Section, Text } from '@react-email/components';
import type { VisitorWording } from '../visitor-wording';
import { fill } from '../visitor-wording';
import { EmailLayout, FooterText, Paragraph, Title, type Brand } from './layout';

export interface TranscriptLine {
  sender: string;
  time: string;
  body: string;
  fromVisitor: boolean;
}

/** The visitor's copy of a chat, in their widget language: every message, and how to answer (a reply to this email reaches the team). */
export function TranscriptEmail(props: { brand: Brand; started: string; lines: TranscriptLine[]; canReply: boolean; words: VisitorWording; lang: string; auto?: boolean }) {
  const ws = props.brand.workspaceName;
  const title = fill(props.words.transcriptTitle, { ws });
  const why = fill(props.auto ? props.words.transcriptAuto : props.words.transcriptAsked, { ws });
  return (
    <EmailLayout brand={props.brand} preview={title} lang={props.lang} dir={props.lang === 'ar' ? 'rtl' : 'ltr'} footer={<FooterText>{props.canReply ? `${why} ${props.words.replyHint}` : why}</FooterText>}>
      <Title>{title}</Title>
      <Paragraph muted>{fill(props.words.started, { time: props.started })}</Paragraph>
      <MessageLines lines={props.lines} />
    </EmailLayout>
  );
}

/** Messages as a grey block: sender, time, text (the transcript and the unseen-replies email). */
export function MessageLines({ lines }: { lines: TranscriptLine[] }) {
  return (
    <Section style={{ backgroundColor: '#f8fafc', borderRadius: '6px', margin: '0 0 16px', padding: '12px 16px' }}>
      {lines.map((m, i) => (
        <Text key={i} style={{ color: '#27272a', fontSize: '14px', lineHeight: '20px', margin: '6px 0', whiteSpace: 'pre-wrap' }}>
          <strong style={{ color: m.fromVisitor ? '#1d4ed8' : '#52525b' }}>{m.sender}</strong> <span style={{ color: '#71717a', fontSize: '12px' }}>{m.time}</span>
          <br />
          {m.body}
        </Text>
      ))}
    </Section>
  );
}
