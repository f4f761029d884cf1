import { Section, Text } from '@react-email/components';
import { EmailLayout, FooterText, Paragraph, Title, type Brand } from './layout';

export interface TranscriptLine {
  sender: string;
  time: string;
  body: string;
  fromVisitor: boolean;
}

/** The visitor's copy of a chat: every message, and how to answer (a reply to this email reaches the team). */
export function TranscriptEmail(props: { brand: Brand; started: string; lines: TranscriptLine[]; canReply: boolean }) {
  return (
    <EmailLayout
      brand={props.brand}
      preview={`Your chat with ${props.brand.workspaceName}`}
      footer={<FooterText>You get this email because you asked for a copy of your chat{props.canReply ? '. Reply to it to write to us again.' : '.'}</FooterText>}
    >
      <Title>Your chat with {props.brand.workspaceName}</Title>
      <Paragraph muted>Started {props.started}</Paragraph>
      <Section style={{ backgroundColor: '#f8fafc', borderRadius: '6px', margin: '0 0 16px', padding: '12px 16px' }}>
        {props.lines.map((m, i) => (
          <Text key={i} style={{ color: '#27272a', fontSize: '14px', lineHeight: '20px', margin: '6px 0', whiteSpace: 'pre-wrap' }}>
            <strong style={{ color: m.fromVisitor ? '#1d4ed8' : '#52525b' }}>{m.sender}</strong> <span style={{ color: '#71717a', fontSize: '12px' }}>{m.time}</span>
            <br />
            {m.body}
          </Text>
        ))}
      </Section>
    </EmailLayout>
  );
}
