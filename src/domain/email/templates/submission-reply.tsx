import { Section, Text } from '@react-email/components';
import { EmailLayout, FooterText, Paragraph, Title, type Brand } from './layout';

/** An agent's answer to a message the visitor left (F5), with what they wrote, and how to answer. */
export function SubmissionReplyEmail(props: { brand: Brand; number: number; reply: string; original: string | null; canReply: boolean }) {
  return (
    <EmailLayout
      brand={props.brand}
      preview={`Reply to your message #${props.number}`}
      footer={<FooterText>You get this email because you left a message for {props.brand.workspaceName}{props.canReply ? '. Reply to it to write to us again.' : '.'}</FooterText>}
    >
      <Title>Reply to your message #{props.number}</Title>
      <Text style={{ color: '#27272a', fontSize: '15px', lineHeight: '24px', margin: '0 0 16px', whiteSpace: 'pre-wrap' }}>{props.reply}</Text>
      {props.original ? (
        <Section style={{ backgroundColor: '#f8fafc', borderRadius: '6px', margin: '0 0 16px', padding: '12px 16px' }}>
          <Paragraph muted>You wrote:</Paragraph>
          <Text style={{ color: '#52525b', fontSize: '14px', lineHeight: '20px', margin: 0, whiteSpace: 'pre-wrap' }}>{props.original}</Text>
        </Section>
      ) : null}
    </EmailLayout>
  );
}
