import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

/** Catalogue look-ups for a schema-agnostic dump: every table, in foreign-key order. */
export const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

export async function listTablesInDependencyOrder(db: Db): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(
    db,
  );
  const edges = await sql<{ child: string; parent: string }>`
    SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE c.contype = 'f' AND n.nspname = current_schema()`.execute(db);
  const names = tables.rows.map((t) => t.name).filter((n) => !MIGRATION_TABLES.includes(n));
  const unquote = (n: string) => n.replace(/^"|"$/g, '');
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const e of edges.rows)
    if (unquote(e.child) !== unquote(e.parent))
      parents.get(unquote(e.child))?.add(unquote(e.parent));
  const ordered: string[] = [];
  const visit = (n: string, path: Set<string>) => {
    if (ordered.includes(n) || path.has(n)) return;
    path.add(n);
    for (const p of parents.get(n) ?? []) visit(p, path);
    ordered.push(n);
  };
  for (const n of names) visit(n, new Set());
  return ordered;
}

/** Columns that can be written (generated expression columns cannot). */
export async function listWritableColumns(db: Db, table: string): Promise<string[]> {
  const cols = await sql<{ name: string }>`
    SELECT column_name AS name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table} AND is_generated = 'NEVER'
    ORDER BY ordinal_position`.execute(db);
  return cols.rows.map((c) => c.name);
}

export async function dumpTable(db: Db, table: string): Promise<unknown[]> {
  const res = await sql<{
    rows: unknown[];
  }>`SELECT coalesce(json_agg(t), '[]'::json) AS rows FROM ${sql.table(table)} t`.execute(db);
  return res.rows[0]!.rows;
}

export async function listAppliedMigrations(db: Db): Promise<string[]> {
  const res = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(
    db,
  );
  return res.rows.map((r) => r.name);
}

export async function truncateTables(trx: Db, tables: string[]): Promise<void> {
  if (tables.length)
    await sql`TRUNCATE ${sql.join(tables.map((t) => sql.table(t)))} RESTART IDENTITY CASCADE`.execute(
      trx,
    );
}

export async function insertRows(
  trx: Db,
  table: string,
  columns: string[],
  rows: unknown[],
): Promise<void> {
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = JSON.stringify(rows.slice(i, i + 500));
    await sql`INSERT INTO ${sql.table(table)} (${cols}) OVERRIDING SYSTEM VALUE
      SELECT ${cols} FROM json_populate_recordset(NULL::${sql.table(table)}, ${chunk}::json)`.execute(
      trx,
    );
  }
}

/** Moves identity sequences past the restored ids. */
export async function resetIdentities(trx: Db, table: string): Promise<void> {
  const ids = await sql<{ name: string }>`
    SELECT column_name AS name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table} AND is_identity = 'YES'`.execute(
    trx,
  );
  for (const { name } of ids.rows) {
    await sql`SELECT setval(pg_get_serial_sequence(${`"${table}"`}, ${name}),
      coalesce((SELECT max(${sql.ref(name)}) FROM ${sql.table(table)}), 0) + 1, false)`.execute(
      trx,
    );
  }
}

/** Every master-key id that wraps something, in any table with a master_key_id column. */
export async function listUsedMasterKeyIds(db: Db): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'master_key_id'`.execute(db);
  const ids = new Set<string>();
  for (const { name } of tables.rows) {
    const res = await sql<{
      id: string;
    }>`SELECT DISTINCT master_key_id AS id FROM ${sql.table(name)}`.execute(db);
    for (const r of res.rows) ids.add(r.id);
  }
  return [...ids];
}
