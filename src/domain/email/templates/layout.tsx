import { Body, Button, Column, Container, Head, Heading, Hr, Html, Img, Preview, Row, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';

/** The frame every email shares: the workspace's name (and logo when it has one), a card, a footer. */
export interface Brand {
  workspaceName: string;
  logoUrl?: string | null;
}

const page = { backgroundColor: '#f4f4f5', fontFamily: '-apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif', margin: 0, padding: '24px 0' };
const card = { backgroundColor: '#ffffff', border: '1px solid #e4e4e7', borderRadius: '8px', margin: '0 auto', maxWidth: '560px', padding: '32px' };
const brandLine = { color: '#52525b', fontSize: '14px', fontWeight: 600, margin: '0 0 24px' };
const footer = { color: '#71717a', fontSize: '12px', lineHeight: '18px', margin: '0' };

export function EmailLayout(props: { brand: Brand; preview: string; lang?: string; dir?: 'ltr' | 'rtl'; children: ReactNode; footer?: ReactNode }) {
  return (
    <Html lang={props.lang ?? 'en'} dir={props.dir ?? 'ltr'}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={page}>
        <Container style={card}>
          {props.brand.logoUrl ? (
            <Section style={{ margin: '0 0 24px' }}>
              <Row>
                <Column style={{ width: '1%', verticalAlign: 'middle', ...(props.dir === 'rtl' ? { paddingLeft: '12px' } : { paddingRight: '12px' }) }}>
                  <Img src={props.brand.logoUrl} alt="" height="32" style={{ display: 'block', maxWidth: '160px' }} />
                </Column>
                <Column style={{ verticalAlign: 'middle' }}>
                  <Text style={{ ...brandLine, margin: 0 }}>{props.brand.workspaceName}</Text>
                </Column>
              </Row>
            </Section>
          ) : (
            <Section>
              <Text style={brandLine}>{props.brand.workspaceName}</Text>
            </Section>
          )}
          {props.children}
          <Hr style={{ borderColor: '#e4e4e7', margin: '32px 0 16px' }} />
          {props.footer ?? null}
        </Container>
      </Body>
    </Html>
  );
}

export function Title({ children }: { children: ReactNode }) {
  return <Heading style={{ color: '#18181b', fontSize: '22px', lineHeight: '28px', margin: '0 0 16px' }}>{children}</Heading>;
}

export function Paragraph({ children, muted }: { children: ReactNode; muted?: boolean }) {
  return <Text style={{ color: muted ? '#52525b' : '#27272a', fontSize: '15px', lineHeight: '24px', margin: '0 0 16px' }}>{children}</Text>;
}

export function ActionButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={{ margin: '8px 0 24px' }}>
      <Button href={href} style={{ backgroundColor: '#2563eb', borderRadius: '6px', color: '#ffffff', fontSize: '15px', fontWeight: 600, padding: '12px 20px', textDecoration: 'none' }}>
        {children}
      </Button>
    </Section>
  );
}

export function FooterText({ children }: { children: ReactNode }) {
  return <Text style={footer}>{children}</Text>;
}
