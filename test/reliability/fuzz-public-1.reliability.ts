import { fuzzPublicEndpoints } from './fuzz-public.js';

/** Share 1 of the public-endpoint fuzzing (fuzz-public.ts); the shares run in parallel. */
fuzzPublicEndpoints(0);
