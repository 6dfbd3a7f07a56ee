import { describeStories } from '../../../test/browser/helpers/stories.js';

describeStories(await import('../../../stories/terminal.stories.js'));
