import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';
import { publicManifest } from '../scripts/public-manifest.js';

// Docs tables come from the analyzer's manifest, with private and protected members left out.
setCustomElementsManifest(publicManifest(manifest));

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    controls: { expanded: true },
    a11y: { test: 'error' },
  },
  globalTypes: {
    theme: {
      description: 'Colour scheme of the widgets',
      toolbar: { title: 'Theme', items: ['auto', 'light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'auto' },
  decorators: [
    (story, context) => {
      document.documentElement.dataset.ltaTheme = context.globals.theme as string;
      return story();
    },
  ],
};

export default preview;
