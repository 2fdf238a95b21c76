import { describePublicPages } from './support/public-pages.js';

/** Every public page and state passes axe, in Dutch (support/public-pages.ts). */
describePublicPages('nl');
