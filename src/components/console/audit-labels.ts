/**
 * Words for the audit log: a changed setting's path as labels ("Queue › Max length") and its values as
 * people read them (On/Off, names instead of ids, lists as lists), never raw keys or quoted JSON.
 */
const KEY_LABELS: Record<string, string> = {
  mode: 'Reception mode',
  realtime: 'Real-time',
  alwaysOn: 'Always-on',
  assignTo: 'Assign to',
  unassignedOrder: 'Unassigned pool order',
  noAgentNotice: 'No-agent notice',
  noAgentOnline: 'When no agent is online',
  outsideWorkingHours: 'Outside working hours',
  queueFull: 'When the queue is full',
  queueTimeout: 'On queue time-out',
  rules: 'Rules',
  defaultRule: 'Default rule',
  conditions: 'Conditions',
  channels: 'Channels',
  entryUrlPattern: 'Entry page',
  tags: 'Tags',
  vip: 'VIP',
  target: 'Target',
  overflow: 'Overflow',
  designated: 'Designated',
  agent: 'Agent',
  agentId: 'Agent',
  groupId: 'Skill group',
  groups: 'Skill groups',
  method: 'Method',
  lastServedMinutes: 'Last-served window (minutes)',
  autoTransfer: 'Auto-transfer',
  defaultReceptionLimit: 'Default reception limit',
  maxLength: 'Max length',
  minLength: 'Min length',
  groupMaxLength: 'Max length per group',
  vipPriority: 'VIP first',
  enterMessage: 'Message on entering the queue',
  updateMessage: 'Queue update message',
  fullMessage: 'Queue full message',
  timeoutMinutes: 'Time-out (minutes)',
  timeoutSeconds: 'Time-out (seconds)',
  timeoutAction: 'On time-out',
  timeoutMessage: 'Time-out message',
  offerWhen: 'Offered when',
  form: 'Form',
  fields: 'Fields',
  delivery: 'Delivery',
  allowFollowUp: 'Follow-ups',
  enabled: 'Enabled',
  scheme: 'Rating scheme',
  groupSchemes: 'Schemes per group',
  agentsSeeResults: 'Agents see ratings',
  agentMayInvite: 'Agents may invite to rate',
  inviteOnEnd: 'Invite on end',
  maxInvitations: 'Max invitations',
  visitorMayRateUnprompted: 'Visitors may rate unprompted',
  commentEnabled: 'Comment',
  solvedEnabled: '“Solved?” question',
  levels: 'Levels',
  label: 'Label',
  score: 'Score',
  thanks: 'Thank-you text',
  chatEndedPrompt: 'Chat-ended prompt',
  agentReplyTimeout: 'Agent reply time-out',
  inactivity: 'Inactivity',
  warnAfterMinutes: 'Warn after (minutes)',
  endAfterMinutes: 'End after (minutes)',
  warningPrompt: 'Warning',
  endPrompt: 'End prompt',
  prompt: 'Prompt',
  minutes: 'Minutes',
  email: 'Email',
  phone: 'Phone',
  name: 'Name',
  custom: 'Custom fields',
  allowOverwrite: 'Overwrite saved data',
  verification: 'Verification',
  events: 'Events',
  push: 'Push notifications',
  offlineMessages: 'Offline messages',
  url: 'Address',
  wholeWords: 'Whole words only',
  agentAction: 'Agent messages',
  customerAction: 'Visitor messages',
  visitor: 'Visitor',
  monitoring: 'Monitoring',
  replyTimeoutAlerts: 'Reply time-out alerts',
  longWaitSeconds: 'Long wait (seconds)',
  brandColor: 'Brand colour',
  companyName: 'Company name',
  defaultLanguage: 'Default language',
  greeting: 'Greeting',
  launcherText: 'Launcher text',
  logoUrl: 'Logo',
  emailLogoUrl: 'Email logo',
  position: 'Position',
  offsetX: 'Horizontal offset',
  offsetY: 'Vertical offset',
  allowedDomains: 'Allowed domains',
  showAgentAvatars: 'Agent photos',
  sound: 'Sound',
  texts: 'Texts',
  prechat: 'Pre-chat form',
  question: 'Question',
  required: 'Required',
  consent: 'Consent',
  preview: 'Preview',
  maxConcurrency: 'Max concurrent',
  batchMax: 'Batch size',
  autoDisableAfterMinutes: 'Disable after failing (minutes)',
  timezone: 'Time zone',
  days: 'Days',
  holidays: 'Holidays',
  maxSizeMb: 'Max size (MB)',
  allowedTypes: 'Allowed file types',
  title: 'Title',
  content: 'Content',
  intro: 'Introduction',
  type: 'Type',
  options: 'Options',
  pattern: 'Pattern',
  patternMessage: 'Pattern message',
};

const VALUE_LABELS: Record<string, string> = {
  realtime: 'Real-time',
  always_on: 'Always-on',
  online: 'Online agents',
  all: 'All agents',
  oldest: 'Oldest first',
  newest: 'Newest first',
  vip: 'VIP first',
  desktop: 'Desktop site',
  mobile: 'Mobile site',
  app: 'App',
  saturation: 'Least busy',
  round_robin: 'Round robin',
  last_served: 'Last served',
  mask: 'Mask',
  block: 'Block',
  alert: 'Alert',
  none: 'Nothing',
  offline_message: 'Offline message',
  ticket: 'Ticket',
  submission: 'Offer the form',
  end: 'End the chat',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function keyLabel(key: string): string {
  if (/^\d+$/.test(key)) return `#${Number(key) + 1}`;
  if (UUID.test(key)) return 'an item';
  return KEY_LABELS[key] ?? humanize(key);
}

/** "queue.groupMaxLength.0" → "Max length per group › #1". */
export function pathLabel(path: string): string {
  if (path === '(value)') return 'Value';
  return path.split('.').map(keyLabel).join(' › ');
}

/** Names for ids a value may hold (skill groups, agents). */
export type NameLookup = Record<string, string>;

/** A value as text for people: On/Off, names for ids, lists joined, objects as "Label: value" pairs. */
export function readableValue(value: unknown, names: NameLookup = {}): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'boolean') return value ? 'On' : 'Off';
  if (typeof value === 'number') return value.toLocaleString('en');
  if (typeof value === 'string') {
    if (UUID.test(value)) return names[value] ?? 'a removed item';
    if (value === '') return '(empty)';
    return VALUE_LABELS[value] ?? value;
  }
  if (Array.isArray(value)) return value.length ? value.map((v) => readableValue(v, names)).join(', ') : '(none)';
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (!entries.length) return '(none)';
    return entries.map(([k, v]) => `${UUID.test(k) ? (names[k] ?? 'a removed item') : keyLabel(k)}: ${readableValue(v, names)}`).join('; ');
  }
  return String(value);
}
