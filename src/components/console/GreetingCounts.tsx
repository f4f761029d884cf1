import { Card, CardBody, CardHeader } from '@/components/ui/Card';

/** Greetings shown -> chats started, per rule (issue 26 item 4). */
export function GreetingCounts({ counts, description }: { counts: { ruleId: string; name: string; shown: number; chatsStarted: number }[]; description?: string }) {
  return (
    <Card>
      <CardHeader title="Greeting results" description={description ?? 'How often each greeting was shown and how many visitors answered it with a chat.'} />
      <CardBody className="overflow-x-auto">
        {counts.length === 0 ? (
          <p className="text-sm text-slate-600">No greetings yet: add one under Widget › Greetings.</p>
        ) : (
          <table className="min-w-full text-left text-sm" data-testid="greeting-counts">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">Greeting</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">Shown</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">Chats started</th>
                <th scope="col" className="py-2 text-right font-medium">Rate</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {counts.map((c) => (
                <tr key={c.ruleId}>
                  <td className="py-2 pr-4 text-slate-800">{c.name}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{c.shown}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{c.chatsStarted}</td>
                  <td className="py-2 text-right tabular-nums text-slate-600">{c.shown ? `${Math.round((100 * c.chatsStarted) / c.shown)}%` : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </CardBody>
    </Card>
  );
}
