import { Section, Text } from '@react-email/components';
import type { VisitorWording } from '../visitor-wording';
import { fill } from '../visitor-wording';
import { EmailLayout, FooterText, Paragraph, Title, type Brand } from './layout';

/** An agent's answer to a message the visitor left (F5), in their widget language, with what they wrote, and how to answer. */
export function SubmissionReplyEmail(props: { brand: Brand; number: number; reply: string; original: string | null; canReply: boolean; words: VisitorWording; lang: string }) {
  const title = fill(props.words.submissionTitle, { n: props.number });
  const why = fill(props.words.submissionFooter, { ws: props.brand.workspaceName });
  return (
    <EmailLayout brand={props.brand} preview={title} lang={props.lang} dir={props.lang === 'ar' ? 'rtl' : 'ltr'} footer={<FooterText>{props.canReply ? `${why} ${props.words.replyHint}` : why}</FooterText>}>
      <Title>{title}</Title>
      <Text style={{ color: '#27272a', fontSize: '15px', lineHeight: '24px', margin: '0 0 16px', whiteSpace: 'pre-wrap' }}>{props.reply}</Text>
      {props.original ? (
        <Section style={{ backgroundColor: '#f8fafc', borderRadius: '6px', margin: '0 0 16px', padding: '12px 16px' }}>
          <Paragraph muted>{props.words.youWrote}</Paragraph>
          <Text style={{ color: '#52525b', fontSize: '14px', lineHeight: '20px', margin: 0, whiteSpace: 'pre-wrap' }}>{props.original}</Text>
        </Section>
      ) : null}
    </EmailLayout>
  );
}
