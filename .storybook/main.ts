import type { StorybookConfig } from '@storybook/web-components-vite';
import { browserShims } from '../scripts/browser-shims.mjs';

// No network here or in many classrooms: telemetry and update checks stay off.
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true, enableCrashReports: false },
  viteFinal: (vite) => ({
    ...vite,
    plugins: [...(vite.plugins ?? []), { ...browserShims(), enforce: 'pre' }],
    build: { ...vite.build, chunkSizeWarningLimit: 2048 },
  }),
};

export default config;
