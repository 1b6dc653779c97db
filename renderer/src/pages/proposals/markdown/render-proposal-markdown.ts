// A proposal's body is untrusted: anyone with write access to the store wrote it. It is rendered with
// no raw HTML (markdown-it escapes it as text), links only to http(s) pages or to headings of the same
// body, and images shown as links, never loaded (the CSP would block a remote image anyway).
import MarkdownIt from 'markdown-it';

/** http(s) URLs and in-page anchors; everything else (javascript:, data:, file:, relative paths) is refused. */
export function isAllowedHref(href: string): boolean {
  return /^https?:\/\/[^\s]/i.test(href) || /^#[^\s]*$/.test(href);
}

/** The id a heading gets, prefixed so a body can never reuse ids of the app around it. */
export function headingAnchorId(text: string): string {
  const slug = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
  return `md-${slug}`;
}

/**
 * The id of the heading an in-page link ("#why-it-failed") points at. The href is untrusted: one that
 * is not valid percent-encoding ("#%E0%A4%A") is taken as written instead of throwing URIError.
 */
export function anchorTargetId(href: string): string {
  const fragment = href.replace(/^#/, '');
  let text = fragment;
  try {
    text = decodeURIComponent(fragment);
  } catch {
    // Not percent-encoding after all: the heading may well be named with those characters.
  }
  return headingAnchorId(text.replace(/-/g, ' '));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function createRenderer() {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  md.validateLink = (url: string) => isAllowedHref(url.trim());

  md.renderer.rules.image = (tokens, idx) => {
    const token = tokens[idx]!;
    const src = String(token.attrGet('src') ?? '');
    const alt = token.content || 'image';
    const label = `[image: ${escapeHtml(alt)}]`;
    if (!isAllowedHref(src)) return `<span class="md-image">${label}</span>`;
    return `<a class="md-image" href="${escapeHtml(src)}" rel="noopener noreferrer nofollow" title="Opens in your browser; images are not loaded here">${label}</a>`;
  };

  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const href = String(token.attrGet('href') ?? '');
    if (!href.startsWith('#')) token.attrSet('rel', 'noopener noreferrer nofollow');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };

  md.core.ruler.push('heading_anchor_ids', (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i]!.type === 'heading_open') tokens[i]!.attrSet('id', headingAnchorId(String(tokens[i + 1]?.content ?? '')));
    }
  });
  return md;
}

let renderer: ReturnType<typeof createRenderer> | null = null;

/** HTML safe to insert: only markdown-it's own tags, http(s) or in-page links, no images. */
export function renderProposalMarkdown(source: string): string {
  renderer ??= createRenderer();
  return renderer.render(source);
}
