import { describePublicPages } from './support/public-pages.js';

/** Every public page and state passes axe, in English (support/public-pages.ts). */
describePublicPages('en');
