import { setDefaultContext } from '../../src/server/db/tenancy.js';

/**
 * Unit tests set up and check rows by querying the database directly, as the platform would: in
 * this process a query outside any context runs in the platform context. The server and the CLI
 * keep the fail-closed default (decision 036); test/rls.test.ts checks that default itself.
 */
setDefaultContext('platform');
