import { fuzzPublicEndpoints } from './fuzz-public.js';

/** Share 2 of the public-endpoint fuzzing (fuzz-public.ts); the shares run in parallel. */
fuzzPublicEndpoints(1);
