import { describe, expect, it } from 'vitest';
import { useCliWorkspace } from './cli-workspace.js';

/** issue 22: the platform operator's institutions from bin/meldpunt, as an operator runs them. */
const ws = useCliWorkspace({
  prefix: 'cli-institutions',
  env: { MELDPUNT_BASE_URL: 'https://platform.example' },
});
const meldpunt = (...args: string[]) => ws.run(args);

describe('bin/meldpunt institutions', { timeout: 300_000 }, () => {
  it("creates an institution with its first administrator's set-up link on its own host, and lists it", async () => {
    const created = await meldpunt(
      'institutions',
      'create',
      '--name',
      'Universiteit A',
      '--key',
      'uni-a',
      '--host',
      'meldpunt.uni-a.nl',
      '--colour',
      '#00598a',
      '--admin-email',
      'beheer@uni-a.nl',
      '--admin-name',
      'Beheerder A',
    );
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(
      /set-up link \(7 days\): https:\/\/meldpunt\.uni-a\.nl\/invite\/[A-Za-z0-9_-]{43}\n/,
    );
    const list = await meldpunt('institutions', 'list');
    expect(list.stdout).toMatch(
      /^uni-a\tmeldpunt\.uni-a\.nl\tUniversiteit A\t#00598a\t1 teams\t0 accounts$/m,
    );

    const taken = await meldpunt(
      'institutions',
      'create',
      '--name',
      'Ander',
      '--key',
      'ander',
      '--host',
      'meldpunt.uni-a.nl',
      '--admin-email',
      'beheer@ander.nl',
      '--admin-name',
      'B',
    );
    expect(taken.status).not.toBe(0);
    expect(taken.stderr).toMatch(/host is already in use/);

    const pale = await meldpunt(
      'institutions',
      'create',
      '--name',
      'Bleek',
      '--key',
      'bleek',
      '--host',
      'meldpunt.bleek.nl',
      '--colour',
      '#aaaaaa',
      '--admin-email',
      'beheer@bleek.nl',
      '--admin-name',
      'C',
    );
    expect(pale.status).not.toBe(0);
    expect(pale.stderr).toMatch(/contrast 2\.32:1 with white; WCAG AA needs 4\.5:1/);
    expect((await meldpunt('institutions', 'list')).stdout).not.toContain('bleek');
  });
});
