import { expect, fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';

/** The part of a CSF3 stories module the tests use. */
// `render` is declared as a method so that stories typed with their own Args fit (method parameters are bivariant).
interface StoriesModule {
  default: { title?: string; component?: string; args?: object; render?(args: object): TemplateResult };
  [story: string]: unknown;
}
interface Story {
  name?: string;
  args?: object;
  render?(args: object): TemplateResult;
}

/**
 * Runs every story of a stories module as a test in this Chromium: each renders without throwing, shows
 * something, and passes axe. Call it from the element's test file:
 * `describeStories(await import('../../../stories/leaderboard.stories.js'))` inside a `describe`, or at top level.
 */
export function describeStories(stories: StoriesModule): void {
  const meta = stories.default;
  describe(`stories: ${meta.title ?? meta.component}`, () => {
    for (const [exportName, value] of Object.entries(stories)) {
      if (exportName === 'default' || typeof value !== 'object' || value === null) continue;
      const story = value as Story;
      it(`${story.name ?? exportName} renders and is accessible`, async () => {
        const render = story.render ?? meta.render;
        if (!render) throw new Error(`Story ${exportName} has no render function`);
        const wrapper = await fixture<HTMLElement>(render({ ...meta.args, ...story.args }));
        const element = wrapper.matches(':defined') && wrapper.shadowRoot ? wrapper : wrapper.querySelector('*');
        await (element as { updateComplete?: Promise<unknown> } | null)?.updateComplete;
        expect(wrapper.isConnected).to.equal(true);
        await expect(wrapper).to.be.accessible();
      });
    }
  });
}
