/**
 * Environment of the app under e2e test: its own database, Redis prefix and ports, so an e2e run does not
 * touch the development install (or its running `npm start`).
 */
const server = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres');
/** E2E_SLOT (e.g. `2`) gives a second checkout its own database, Redis prefix and ports. */
const slot = process.env.E2E_SLOT ?? '';
server.pathname = `/livechat_e2e${slot}`;

export const E2E_WEB_PORT = 3100 + 10 * Number(slot || 0);
export const E2E_REALTIME_PORT = E2E_WEB_PORT + 1;
export const E2E_BASE_URL = `http://localhost:${E2E_WEB_PORT}`;
/** The SMTP server the app sends to: email.spec.ts runs a real one (smtp-server) on this port while it runs. */
export const E2E_SMTP_PORT = E2E_WEB_PORT + 5;

export const E2E_ENV: Record<string, string> = {
  DATABASE_URL: server.toString(),
  REDIS_URL: process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  REDIS_PREFIX: `e2e${slot}`,
  WEB_PORT: String(E2E_WEB_PORT),
  REALTIME_PORT: String(E2E_REALTIME_PORT),
  PUBLIC_WEB_URL: E2E_BASE_URL,
  PUBLIC_REALTIME_URL: `http://localhost:${E2E_REALTIME_PORT}`,
  NEXTAUTH_URL: E2E_BASE_URL,
  AUTH_SECRET: 'e2e-test-secret-not-for-production-0123456789abcdef',
  PRESENCE_GRACE_SECONDS: '5',
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
  MAIL_FROM: 'noreply@e2e.test',
  EMAIL_RETRY_BASE_MS: '500',
  EMAIL_RELAY_POLL_MS: '200',
  // Every e2e browser comes from 127.0.0.1: per-IP limits would trip across specs (their own tests lower them).
  RL_VISITOR_HANDSHAKES_PER_IP_PER_MINUTE: '100000',
  RL_SIGNIN_IP_FAILURES_PER_15MIN: '100000',
  RL_SIGNUP_PER_IP_PER_HOUR: '100000',
  // Long enough that the delayed attempt in security.spec.ts is refused however slow the machine is.
  RL_SIGNIN_DELAY_BASE_SECONDS: '60',
  // Attachments of this slot's runs, apart from the development install's.
  ATTACHMENTS_DIR: `${process.cwd()}/.data/e2e${slot}/attachments`,
  // Warnings and errors reach the test output (Playwright pipes the server's output); info is noise there.
  LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
};
