import { Link } from '@react-email/components';
import { ActionButton, EmailLayout, FooterText, Paragraph, Title, type Brand } from './layout';

/** Staff account emails (English: the console is in English). */

export function InviteEmail(props: { brand: Brand; inviterName: string; inviteeName: string; role: string; link: string; expiresInDays: number }) {
  return (
    <EmailLayout
      brand={props.brand}
      preview={`${props.inviterName} invited you to ${props.brand.workspaceName}`}
      footer={<FooterText>This invitation works once and expires in {props.expiresInDays} days. If you did not expect it, ignore this email: no account is active until a password is set.</FooterText>}
    >
      <Title>You are invited to {props.brand.workspaceName}</Title>
      <Paragraph>Hello {props.inviteeName},</Paragraph>
      <Paragraph>
        {props.inviterName} added you to {props.brand.workspaceName} as {props.role === 'agent' ? 'an agent' : `a ${props.role}`}. Choose your password to start answering
        chats.
      </Paragraph>
      <ActionButton href={props.link}>Set my password</ActionButton>
      <Paragraph muted>
        Or paste this link into your browser: <Link href={props.link}>{props.link}</Link>
      </Paragraph>
    </EmailLayout>
  );
}

export function PasswordResetEmail(props: { brand: Brand; name: string; link: string; expiresInMinutes: number }) {
  return (
    <EmailLayout
      brand={props.brand}
      preview="Reset your password"
      footer={<FooterText>This link works once and expires in {props.expiresInMinutes} minutes. If you did not ask for a new password, ignore this email: your password stays as it is.</FooterText>}
    >
      <Title>Reset your password</Title>
      <Paragraph>Hello {props.name},</Paragraph>
      <Paragraph>Someone (we hope you) asked to reset the password of your {props.brand.workspaceName} account. Choose a new one here:</Paragraph>
      <ActionButton href={props.link}>Choose a new password</ActionButton>
      <Paragraph muted>
        Or paste this link into your browser: <Link href={props.link}>{props.link}</Link>
      </Paragraph>
      <Paragraph muted>After the reset, every device signed in to your account is signed out.</Paragraph>
    </EmailLayout>
  );
}

export function EmailChangeEmail(props: { brand: Brand; name: string; newEmail: string; link: string; expiresInMinutes: number }) {
  return (
    <EmailLayout
      brand={props.brand}
      preview="Confirm your new email address"
      footer={<FooterText>This link works once and expires in {props.expiresInMinutes} minutes. If you did not ask for this change, ignore this email.</FooterText>}
    >
      <Title>Confirm your new email address</Title>
      <Paragraph>Hello {props.name},</Paragraph>
      <Paragraph>
        Confirm that {props.newEmail} is the address you want to sign in to {props.brand.workspaceName} with. Until you do, your old address stays in use.
      </Paragraph>
      <ActionButton href={props.link}>Confirm this address</ActionButton>
      <Paragraph muted>
        Or paste this link into your browser: <Link href={props.link}>{props.link}</Link>
      </Paragraph>
    </EmailLayout>
  );
}
