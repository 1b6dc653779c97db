// What a person could act on once the page has settled (no request in flight for two frames, so each
// step of a seed's walk sees the same screen on every replay): every enabled control that is on screen
// and not covered by something else (a dialog, a drawer), in document order. Runs inside the page, in
// one round trip (it is serialized for page.evaluate, so it uses nothing from outside its own body).
// Each target is tagged with a data-monkey attribute so the walk can reach it through real input.

export type TargetKind = 'click' | 'select' | 'fill' | 'surface' | 'scroller';

export interface PageTarget {
  kind: TargetKind;
  /** The value of its data-monkey attribute. */
  tag: string;
  /** What a person would call it: tag, role and accessible name, shortened. */
  label: string;
  /** Centre and size in viewport pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** For a select: its options' values; for a field: its input type. */
  options?: string[];
  inputType?: string;
}

export interface PageSnapshot {
  /** Requests still in flight when the wait for a settled page ran out (then nothing else is filled in). */
  stillPending: string[] | null;
  /** The route (location.hash) the targets belong to. */
  route: string;
  /** The text of a render failure shown in place (an error boundary), if any. */
  renderFailure: string | null;
  targets: PageTarget[];
}

export async function snapshotSettledPage(timeoutMs: number): Promise<PageSnapshot> {
  // The walk's fetch counter (page-watch.ts) says what is in flight.
  const inflight = () => (window as unknown as { __tesseraMonkey?: { inflight: Map<number, string> } }).__tesseraMonkey?.inflight ?? new Map<number, string>();
  const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  const deadline = performance.now() + timeoutMs;
  // Settled: no request in flight, and for three frames in a row no change to the DOM and no scrolling
  // (a chart measuring its width, a restored scroll or a deep link's scroll still moving things).
  let activity = 0;
  const observer = new MutationObserver((records) => {
    if (records.some((record) => record.attributeName !== 'data-monkey')) activity++;
  });
  const onScroll = () => activity++;
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  document.addEventListener('scroll', onScroll, { capture: true, passive: true });
  try {
    for (let quietFrames = 0; quietFrames < 3; ) {
      if (performance.now() > deadline) return { stillPending: [...inflight().values(), '(the page kept changing)'], route: window.location.hash, renderFailure: null, targets: [] };
      if (inflight().size > 0) {
        quietFrames = 0;
        await new Promise((resolve) => setTimeout(resolve, 10));
        continue;
      }
      activity = 0;
      await frame();
      quietFrames = activity === 0 && inflight().size === 0 ? quietFrames + 1 : 0;
    }
  } finally {
    observer.disconnect();
    document.removeEventListener('scroll', onScroll, { capture: true });
  }
  const CLICKABLE =
    'button, a[href], [role="tab"], [role="radio"], [role="checkbox"], [role="button"], [role="option"], summary, ' +
    'input[type="checkbox"], input[type="radio"], tr.clickable, [tabindex="0"], .gain-point, .phase-band, .recharts-bar-rectangle, .recharts-dot';
  const FILLABLE = 'input:not([type]), input[type="text"], input[type="search"], input[type="number"], input[type="date"], textarea';
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  for (const old of Array.from(document.querySelectorAll('[data-monkey]'))) old.removeAttribute('data-monkey');
  const targets: PageTarget[] = [];
  const seen = new Set<Element>();
  const describe = (el: Element): string => {
    const name = (el.getAttribute('aria-label') || el.getAttribute('title') || (el as HTMLElement).innerText || el.getAttribute('placeholder') || '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 48);
    const role = el.getAttribute('role');
    const testId = el.getAttribute('data-testid');
    return `${el.tagName.toLowerCase()}${role ? `[role=${role}]` : ''}${testId ? `[${testId}]` : ''} "${name}"`;
  };
  const add = (el: Element, kind: TargetKind, extra: Partial<PageTarget> = {}) => {
    if (seen.has(el)) return;
    seen.add(el);
    if ((el as HTMLButtonElement).disabled || el.getAttribute('aria-disabled') === 'true' || el.closest('[inert]')) return;
    const box = el.getBoundingClientRect();
    if (box.width < 2 || box.height < 2) return;
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    if (x < 0 || y < 0 || x >= vw || y >= vh) return;
    // On top where a click would land: not under a dialog, a drawer or a sticky header.
    const hit = document.elementFromPoint(x, y);
    if (!hit || !(hit === el || el.contains(hit) || (kind === 'surface' && hit.closest('.recharts-wrapper') === el))) return;
    const tag = String(targets.length);
    el.setAttribute('data-monkey', tag);
    targets.push({ kind, tag, label: describe(el), x, y, width: box.width, height: box.height, ...extra });
  };
  for (const el of Array.from(document.querySelectorAll(CLICKABLE))) {
    if (el instanceof HTMLAnchorElement) {
      const href = el.getAttribute('href') ?? '';
      // Links that leave the app (the store's files, the web) or download are not part of the walk.
      if (!href.startsWith('#') || el.hasAttribute('download')) continue;
    }
    add(el, 'click');
  }
  for (const el of Array.from(document.querySelectorAll('select'))) {
    add(el, 'select', { options: Array.from(el.options).filter((o) => !o.disabled).map((o) => o.value) });
  }
  for (const el of Array.from(document.querySelectorAll(FILLABLE))) {
    if ((el as HTMLInputElement).readOnly) continue;
    add(el, 'fill', { inputType: el instanceof HTMLTextAreaElement ? 'textarea' : (el as HTMLInputElement).type });
  }
  for (const el of Array.from(document.querySelectorAll('.recharts-wrapper'))) add(el, 'surface');
  for (const el of Array.from(document.querySelectorAll('main, .main, [class*="scroll"], .triage-board, .team-drill, .run-drawer'))) {
    const style = getComputedStyle(el);
    const scrolls = /(auto|scroll)/.test(style.overflowY + style.overflowX) && (el.scrollHeight > el.clientHeight + 4 || el.scrollWidth > el.clientWidth + 4);
    if (!scrolls || seen.has(el)) continue;
    seen.add(el);
    const box = el.getBoundingClientRect();
    if (box.width < 20 || box.height < 20) continue;
    const tag = String(targets.length);
    el.setAttribute('data-monkey', tag);
    const name = typeof el.className === 'string' ? el.className.split(' ')[0] : '';
    targets.push({ kind: 'scroller', tag, label: `${el.tagName.toLowerCase()}${name ? `.${name}` : ''}`, x: box.left + box.width / 2, y: box.top + Math.min(box.height / 2, vh / 2), width: box.width, height: box.height });
  }
  const failure = document.querySelector('[data-render-failure]');
  const root = document.getElementById('root');
  const renderFailure = failure
    ? (failure as HTMLElement).innerText.slice(0, 400)
    : root && root.childElementCount === 0
      ? 'the app unmounted: the window is blank'
      : null;
  return { stillPending: null, route: window.location.hash, renderFailure, targets };
}
