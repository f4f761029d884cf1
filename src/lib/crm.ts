import { attachAftercare, type ChatAftercare } from '../domain/chat/aftercare';
import { CustomerService } from '../domain/crm/service';
import { SatisfactionService } from '../domain/satisfaction/service';
import type { Services } from './services';

/** CRM and satisfaction services of the web process (issue 5), built once on top of `services()`. */
export interface CrmServices {
  customers: CustomerService;
  satisfaction: SatisfactionService;
  aftercare: ChatAftercare;
}

const byContainer = new WeakMap<Services, CrmServices>();

/** Attaches end-of-chat timers and rating invitations to the web process's ChatService (idempotent). */
export function crmFor(container: Services): CrmServices {
  let found = byContainer.get(container);
  if (!found) {
    const { db, conversations, settings, chat, notifier, timers } = container;
    const aftercare = attachAftercare(chat, { db, conversations, settings, notifier, timers });
    found = { customers: new CustomerService(db), satisfaction: aftercare.satisfaction, aftercare };
    byContainer.set(container, found);
  }
  return found;
}
