import { expect, fixture, html } from '@open-wc/testing';
import { defineElement } from '../../src/internal/define.js';
import { LtaElement } from '../../src/internal/lta-element.js';

class FirstCopy extends LtaElement {
  override render() {
    return html`first`;
  }
}
class SecondCopy extends LtaElement {
  override render() {
    return html`second`;
  }
}

describe('defineElement', () => {
  it('keeps the first definition when a second copy of the bundle registers the same name', async () => {
    defineElement('lta-test-twice', FirstCopy);
    expect(() => defineElement('lta-test-twice', SecondCopy)).not.to.throw();
    const el = await fixture<LtaElement>(html`<lta-test-twice></lta-test-twice>`);
    expect(el).to.be.instanceOf(FirstCopy);
    expect(el.shadowRoot!.textContent).to.equal('first');
  });
});

class Themed extends LtaElement {}
defineElement('lta-test-theme', Themed);

describe('LtaElement theme', () => {
  it('switches the colour scheme tokens with the theme attribute', async () => {
    const light = await fixture<LtaElement>(html`<lta-test-theme theme="light"></lta-test-theme>`);
    const dark = await fixture<LtaElement>(html`<lta-test-theme theme="dark"></lta-test-theme>`);
    const bg = (el: Element) => getComputedStyle(el).getPropertyValue('--_bg').trim();
    expect(bg(light)).to.equal('#ffffff');
    expect(bg(dark)).to.equal('#16181d');
  });

  it('lets the page override a token through its public custom property', async () => {
    const el = await fixture<LtaElement>(
      html`<lta-test-theme theme="dark" style="--lta-color-background: rebeccapurple"></lta-test-theme>`,
    );
    expect(getComputedStyle(el).getPropertyValue('--_bg').trim()).to.equal('rebeccapurple');
  });

  it('emits lta-* events that cross shadow roots', async () => {
    class Emitter extends LtaElement {
      fire() {
        this.emit('lta-ping', { n: 1 });
      }
    }
    defineElement('lta-test-emitter', Emitter);
    const outer = await fixture(html`<div></div>`);
    const shadow = outer.attachShadow({ mode: 'open' });
    const el = document.createElement('lta-test-emitter') as Emitter;
    shadow.append(el);
    let detail: unknown;
    document.addEventListener('lta-ping', (e) => (detail = (e as CustomEvent).detail), { once: true });
    el.fire();
    expect(detail).to.deep.equal({ n: 1 });
  });
});
