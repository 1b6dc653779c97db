// A slide as a PNG, with no library: the slide's DOM (text, tables and its SVG charts) is copied
// into an SVG <foreignObject> together with the page's style sheets, drawn onto a canvas and encoded.
// The copy keeps the slide's theme by wrapping it in an element with the same data-theme.

/** Every rule of the page's own style sheets, as text (sheets of another origin cannot be read). */
function pageCss(): string {
  const parts: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      parts.push(Array.from(sheet.cssRules, (rule) => rule.cssText).join('\n'));
    } catch {
      // A sheet of another origin: the app has none, and its rules could not be copied anyway.
    }
  }
  return parts.join('\n');
}

function themeOf(element: HTMLElement): string {
  return element.closest<HTMLElement>('[data-theme]')?.dataset.theme ?? document.documentElement.dataset.theme ?? 'light';
}

/** Form controls keep what was typed only in their properties; the copy needs it as markup. */
function copyFormValues(source: HTMLElement, copy: HTMLElement): void {
  const from = source.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('textarea, input');
  const to = copy.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('textarea, input');
  from.forEach((field, i) => {
    const target = to[i];
    if (!target) return;
    if (target instanceof HTMLTextAreaElement) target.textContent = field.value;
    else target.setAttribute('value', field.value);
  });
}

export async function renderSlidePng(slide: HTMLElement, pixelRatio = 1): Promise<Blob> {
  const rect = slide.getBoundingClientRect();
  const width = Math.ceil(rect.width);
  const height = Math.ceil(rect.height);
  const copy = slide.cloneNode(true) as HTMLElement;
  copyFormValues(slide, copy);
  const wrapper = document.createElement('div');
  wrapper.setAttribute('xmlns', 'http://www.w3.org/1999/xhtml');
  wrapper.dataset.theme = themeOf(slide);
  wrapper.className = `${slide.parentElement?.className ?? ''} slide-png-root`;
  const scale = getComputedStyle(slide).getPropertyValue('--s').trim() || '1';
  wrapper.style.cssText = `--slide-scale:${scale};width:${width}px;height:${height}px;overflow:hidden;background:var(--bg);color:var(--text);font:14px/1.45 var(--font)`;
  const style = document.createElement('style');
  style.textContent = pageCss();
  wrapper.append(style, copy);
  const markup = new XMLSerializer().serializeToString(wrapper);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<foreignObject x="0" y="0" width="100%" height="100%">${markup}</foreignObject></svg>`;
  const image = new Image();
  image.width = width;
  image.height = height;
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * pixelRatio);
  canvas.height = Math.round(height * pixelRatio);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw on a canvas, so the slide cannot be saved as PNG.');
  context.scale(pixelRatio, pixelRatio);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The slide could not be encoded as PNG.'))), 'image/png'),
  );
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "review-2026-11-29-slide-03-proposal-p-006.png". */
export function slideFileName(day: string, number: number, key: string): string {
  return `review-${day}-slide-${String(number).padStart(2, '0')}-${key.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`;
}
