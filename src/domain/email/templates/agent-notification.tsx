import { Link, Section, Text } from '@react-email/components';
import { ActionButton, EmailLayout, FooterText, Paragraph, Title, type Brand } from './layout';

export interface DigestMessage {
  sender: string;
  body: string;
  time: string;
  fromVisitor: boolean;
}

/** One email per conversation and batch (or per left message): what happened while the agent was away, with the latest messages. */
export function AgentNotificationEmail(props: {
  brand: Brand;
  agentName: string;
  headline: string;
  lines: string[];
  messages: DigestMessage[];
  link: string;
  unsubscribeUrl: string;
  unsubscribeLabel: string;
  preferencesUrl: string;
  /** The button's text (default "Open the chat"). */
  actionLabel?: string;
}) {
  return (
    <EmailLayout
      brand={props.brand}
      preview={props.headline}
      footer={
        <FooterText>
          You get this email because you were not connected to the agent workspace. <Link href={props.unsubscribeUrl}>{props.unsubscribeLabel}</Link> ·{' '}
          <Link href={props.preferencesUrl}>Choose which emails you get</Link>
        </FooterText>
      }
    >
      <Title>{props.headline}</Title>
      <Paragraph>Hello {props.agentName},</Paragraph>
      {props.lines.map((line, i) => (
        <Paragraph key={i}>{line}</Paragraph>
      ))}
      {props.messages.length ? (
        <Section style={{ backgroundColor: '#f8fafc', borderRadius: '6px', margin: '0 0 16px', padding: '12px 16px' }}>
          {props.messages.map((m, i) => (
            <Text key={i} style={{ color: '#27272a', fontSize: '14px', lineHeight: '20px', margin: '6px 0' }}>
              <strong style={{ color: m.fromVisitor ? '#1d4ed8' : '#52525b' }}>{m.sender}</strong> <span style={{ color: '#71717a', fontSize: '12px' }}>{m.time}</span>
              <br />
              {m.body}
            </Text>
          ))}
        </Section>
      ) : null}
      <ActionButton href={props.link}>{props.actionLabel ?? 'Open the chat'}</ActionButton>
    </EmailLayout>
  );
}
