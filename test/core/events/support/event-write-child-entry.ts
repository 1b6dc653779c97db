// A child process that writes events into a lab store as the app does (outbox first, then the store
// through its transport), for the crash test that kills it. It first delivers what the outbox holds,
// as the app does on start. Args: storeDir outboxDir count tag. Prints "started", then one
// "written <id> <store path>" line per event the writer reported written, then "done".
import { createEventWriter } from '../../../../electron/core/events/event-writer';
import { Outbox } from '../../../../electron/core/events/outbox';
import { storeLocationKey } from '../../../../electron/core/events/store-identity';
import { LocalFolderTransport } from '../../../../electron/core/store-access/local-folder-transport';
import type { EventDraft } from '../../../../shared/domain/store-events';

const [storeDir, outboxDir, countText, tag] = process.argv.slice(2) as [string, string, string, string];
const transport = new LocalFolderTransport(storeDir);
const writer = createEventWriter({ store: async () => transport, storeUrl: storeLocationKey(storeDir), outbox: new Outbox(outboxDir).open(), retryIntervalMs: 0 });

function draft(n: number): EventDraft {
  const target = n % 2 === 0 ? 'p-1' : 'p-2';
  // Texts of a few hundred bytes to a few kilobytes, each naming its event, so a duplicate would show.
  const words = `event ${tag}-${n} `.repeat(20 + ((n * 37) % 300));
  switch (n % 3) {
    case 0:
      return { type: 'decision', target, decision: n % 6 === 0 ? 'park' : 'continue', rationale: words };
    case 1:
      return { type: 'comment', target, text: words };
    default:
      return { type: 'complexity', target, complexity: { code: n % 6, knobs: 1, infra: 2, risk: 3, usability_tax: 0.25 } };
  }
}

process.stdout.write('started\n');
const flushed = await writer.flush();
for (const id of flushed.written) process.stdout.write(`written ${id} flushed\n`);
for (let n = 0; n < Number(countText); n++) {
  const outcome = await writer.write(draft(n), 'ana');
  if (outcome.state !== 'written') throw new Error(`event ${n} stayed pending: ${outcome.reason}`);
  process.stdout.write(`written ${outcome.event.id} ${outcome.path}\n`);
}
writer.close();
process.stdout.write('done\n');
