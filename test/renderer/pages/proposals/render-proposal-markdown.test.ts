// The proposal body renderer on hostile input: whatever a store writer puts in a body, the HTML that
// reaches the page has no script, frame, event handler, dangerous link or loadable image.
import { describe, expect, it } from 'vitest';
import { anchorTargetId, headingAnchorId, isAllowedHref, renderProposalMarkdown } from '../../../../renderer/src/pages/proposals/markdown/render-proposal-markdown';
import { HOSTILE_BODY } from './hostile-markdown';


/** Every tag the HTML opens, with its attributes as written. */
function openingTags(html: string): string[] {
  return html.match(/<[a-z][^>]*>/gi) ?? [];
}

describe('proposal Markdown', () => {
  const html = renderProposalMarkdown(HOSTILE_BODY);
  const tags = openingTags(html);

  it('opens no script, iframe, svg, img, style or object tag', () => {
    const names = new Set(tags.map((tag) => /^<([a-z0-9]+)/i.exec(tag)![1]!.toLowerCase()));
    for (const forbidden of ['script', 'iframe', 'svg', 'img', 'style', 'object', 'embed', 'div', 'form', 'input', 'base', 'link', 'meta', 'circle']) {
      expect(names.has(forbidden), `<${forbidden}> in ${html}`).toBe(false);
    }
  });

  it('gives no tag an event handler or inline style', () => {
    for (const tag of tags) {
      expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
      expect(tag).not.toMatch(/\sstyle\s*=/i);
    }
  });

  it('links only to http(s) pages and in-page anchors', () => {
    const hrefs = tags.flatMap((tag) => [...tag.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^(https?:\/\/|#)/);
    expect(hrefs).toContain('https://example.org/paper');
    expect(hrefs).toContain('https://example.com/bare');
    expect(hrefs).toContain('#plan');
    expect(html).not.toMatch(/href="[^"]*(javascript|vbscript|data|file):/i);
  });

  it('shows raw HTML and refused links as text, and images as links that are never loaded', () => {
    expect(html).toContain('&lt;script&gt;window.__pwned = &quot;script&quot;; alert(&quot;raw script&quot;)&lt;/script&gt;');
    expect(html).toContain('[js link](javascript:window.__pwned=4)');
    expect(html).toContain('<a class="md-image" href="https://evil.example/track.png"');
    expect(html).toContain('[image: tracking pixel]');
    expect(html).toContain('<p>![data image](data:image/png;base64,iVBORw0KGgo=)</p>');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('<h1 id="md-plan">Plan</h1>');
  });

  it('allows exactly http(s) and anchors', () => {
    expect(['https://a.b/c', 'http://a.b', '#x', '#'].every(isAllowedHref)).toBe(true);
    expect(['javascript:x', 'data:x', '//a.b', 'mailto:a@b', 'ftp://a', 'https:// x', '/runs', 'x.md'].some(isAllowedHref)).toBe(false);
  });
});

describe('in-page anchors', () => {
  it('lead to the heading they name, and one that is not valid percent-encoding is taken as written', () => {
    const html = renderProposalMarkdown('## Why it failed\n\n## 100% done\n');
    expect(html).toContain(`id="${headingAnchorId('Why it failed')}"`);
    expect(anchorTargetId('#why-it-failed')).toBe(headingAnchorId('Why it failed'));
    expect(anchorTargetId('#caf%C3%A9')).toBe(headingAnchorId('café'));
    expect(() => anchorTargetId('#100%-done')).not.toThrow();
    expect(anchorTargetId('#100%-done')).toBe(headingAnchorId('100% done'));
    expect(anchorTargetId('#%E0%A4%A')).toBe(headingAnchorId('%E0%A4%A'));
  });
});
