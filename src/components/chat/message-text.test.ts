import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { SeededRandom } from '../../../host/test/seeded-random.js';
import { messageText } from './message-text.js';

/** Pieces a message is made of: words, markup and script, URLs of every scheme, quotes, odd characters. */
const PIECES = [
  'hi',
  ' ',
  '\n',
  'see',
  'https://example.com/a?b=1&c=2#d',
  'http://x.y',
  'https://',
  'http://[::1',
  'HTTPS://EX.COM',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:x',
  '//evil.example',
  'ftp://f',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '"',
  "'",
  '`',
  '<',
  '>',
  '&amp;',
  '&lt;b&gt;',
  ').',
  '.',
  ',',
  ']',
  '\u202e',
  '\u0000',
  '😀',
  'é',
  '${x}',
  '{{x}}',
  'https://example.com/"onmouseover="alert(1)',
  "https://example.com/'><svg/onload=alert(1)>",
  'https://exa\u0000mple.com',
  'https://example.com/\u202egpj.exe',
  'https://example.com/<b>',
];

describe('message text', () => {
  it('shows any text exactly as written, with only http(s) URLs as links and nothing else as markup', () => {
    const random = new SeededRandom(7);
    const box = document.createElement('div');
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: random.int(1, 8) }, () => random.pick(PIECES)).join(random.pick(['', ' ']));
      render(messageText(text), box);
      const what = JSON.stringify(text);
      expect(box.textContent, what).to.equal(text);
      for (const element of box.querySelectorAll('*')) {
        expect(element.tagName, what).to.equal('A');
        const link = element as HTMLAnchorElement;
        expect(['http:', 'https:'], what).to.include(new URL(link.href).protocol);
        expect(link.rel, what).to.equal('noopener noreferrer nofollow ugc');
        expect(link.target, what).to.equal('_blank');
        expect([...link.attributes].map((a) => a.name).sort(), what).to.deep.equal(['href', 'rel', 'target']);
        expect(link.children.length, what).to.equal(0);
      }
    }
  });
});
