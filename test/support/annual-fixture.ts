// The published 2025/2024 figures now live beside the demo data, which loads them too.
export * from '../../src/server/demo/annual-figures.js';
