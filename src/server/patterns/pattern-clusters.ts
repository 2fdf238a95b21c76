import type { SharedIdentifierRow } from './patterns.queries.js';

/**
 * Pure: groups cases that share any blind-index entry (transitively) into clusters that are
 * taken to concern the same person, and counts the distinct reporters in a set of cases.
 */
export interface ClusterCase {
  caseId: string;
  teamId: string;
  reference: string;
  receivedOn: string;
  isAnonymous: boolean;
  /** One key per reporter: a named reporter's fingerprint, else the case itself (an anonymous mailbox). */
  reporterKey: string;
  escrowState: string | null;
  kinds: Set<string>;
}

export function groupIntoClusters(rows: readonly SharedIdentifierRow[]): ClusterCase[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const cases = new Map<string, ClusterCase>();
  const firstCaseOfIndex = new Map<string, string>();
  for (const r of rows) {
    if (!parent.has(r.case_id)) parent.set(r.case_id, r.case_id);
    const entry = cases.get(r.case_id) ?? {
      caseId: r.case_id,
      teamId: r.team_id,
      reference: r.reference,
      receivedOn: r.received_on,
      isAnonymous: r.is_anonymous,
      reporterKey: r.fingerprint ? `named:${r.fingerprint.toString('hex')}` : `case:${r.case_id}`,
      escrowState: r.escrow_state,
      kinds: new Set<string>(),
    };
    entry.kinds.add(r.kind);
    cases.set(r.case_id, entry);
    // issue 22: the same identifier in two institutions is two separate indexes: no signal crosses
    const index = `${r.institution_id}:${r.blind_index.toString('hex')}`;
    const first = firstCaseOfIndex.get(index);
    if (first === undefined) firstCaseOfIndex.set(index, r.case_id);
    else parent.set(find(r.case_id), find(first));
  }
  const clusters = new Map<string, ClusterCase[]>();
  for (const c of cases.values())
    clusters.set(find(c.caseId), [...(clusters.get(find(c.caseId)) ?? []), c]);
  return [...clusters.values()]
    .filter((cl) => cl.length > 1)
    .map((cl) => cl.sort((a, b) => a.reference.localeCompare(b.reference)));
}

export function countReporters(cases: readonly ClusterCase[]): {
  total: number;
  named: number;
  anonymous: number;
} {
  const named = new Set(cases.filter((c) => !c.isAnonymous).map((c) => c.reporterKey));
  const anonymous = new Set(cases.filter((c) => c.isAnonymous).map((c) => c.reporterKey));
  return {
    total: new Set([...named, ...anonymous]).size,
    named: named.size,
    anonymous: anonymous.size,
  };
}

/** Escrowed cases are shared only after the reporter released them; nothing before. */
export function isShareable(c: ClusterCase): boolean {
  return c.escrowState === null || c.escrowState === 'released';
}
