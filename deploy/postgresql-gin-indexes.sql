-- GIN counterparts of FerretDB's indexes in the embedded PostgreSQL (issue 14; docs/operations.md, "Embedded store").
--
-- FerretDB 1.24 writes every equality it pushes down as `_jsonb->$1 @> $2`, `{ _id }` included; its own indexes are
-- btree indexes on `((_jsonb->'field'))`, which serve `=` but not `@>`, so every such query is a sequential scan. A GIN
-- index `((_jsonb->'field') jsonb_path_ops)` serves `@>`. This event trigger adds one for the `_id` of every new
-- FerretDB table and for every `_jsonb->…` expression of every index FerretDB creates; the backfill at the end does the
-- same for tables and indexes made before it was installed. Idempotent: run it after every start, before FerretDB.
-- deploy/embedded-infra.sh and libs/testing (processes.ts) run it unless KITOS_PG_GIN_INDEXES=0, which drops
-- both triggers instead (indexes made earlier stay).
--
-- Names: <table, at most 40 characters>_<8 hex digits of md5 of the expression>_kgin, so the GIN made for a new table's
-- `_id` and the one for FerretDB's `_id_` index are the same (CREATE INDEX IF NOT EXISTS), and the trigger skips the
-- indexes it makes itself (suffix _kgin). FerretDB's metadata tables (_ferretdb_*) are left alone.
--
-- Drops: a second event trigger (sql_drop, DROP INDEX) drops every _kgin index whose name no btree index of its table
-- (nor the table's `_id`) asks for any more, so a GIN follows FerretDB's dropIndex/dropIndexes (mongoose syncIndexes)
-- and one shared by two FerretDB indexes on the same field stays until the last goes. An index recreated with other
-- keys is a drop and a create: the old key's GIN goes, the new one's comes. A dropped table (collection) or schema
-- (database) takes its GIN indexes with it (PostgreSQL drops a table's indexes). The backfill at the end does the same
-- reconciliation for every FerretDB table, so it also removes GIN indexes orphaned before this trigger existed.

SET client_min_messages = warning;

-- The name of the GIN index for expression `expr` (as pg_get_indexdef renders it) of table `tbl`.
CREATE OR REPLACE FUNCTION public.kitos_gin_name(tbl regclass, expr text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT left(relname, 40) || '_' || left(md5(expr), 8) || '_kgin' FROM pg_class WHERE oid = tbl
$$;

CREATE OR REPLACE FUNCTION public.kitos_gin_index(tbl regclass, expr text) RETURNS void
LANGUAGE plpgsql SET client_min_messages = warning AS $$
DECLARE
  rel pg_class%ROWTYPE;
BEGIN
  SELECT * INTO rel FROM pg_class WHERE oid = tbl;
  IF rel.relname LIKE '\_ferretdb\_%' OR rel.relkind <> 'r' OR expr !~ '^\(*_jsonb -> ' THEN
    RETURN;
  END IF;
  -- an extra index must never fail FerretDB's own statement (e.g. two connections creating the same name at once)
  BEGIN
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((%s) jsonb_path_ops)',
                   public.kitos_gin_name(tbl, expr), tbl, expr);
  EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'kitos_gin_index on % (%): %', tbl, expr, SQLERRM;
  END;
END
$$;

-- GIN counterparts of the expression columns of one index (btree expressions as pg_get_indexdef renders them).
CREATE OR REPLACE FUNCTION public.kitos_gin_for_index(idx oid) RETURNS void
LANGUAGE plpgsql SET client_min_messages = warning AS $$
DECLARE
  ind pg_index%ROWTYPE;
  k int;
BEGIN
  SELECT * INTO ind FROM pg_index WHERE indexrelid = idx;
  IF NOT FOUND OR (SELECT relname FROM pg_class WHERE oid = idx) LIKE '%\_kgin'
     OR (SELECT amname FROM pg_am JOIN pg_class c ON c.relam = pg_am.oid WHERE c.oid = idx) <> 'btree' THEN
    RETURN;
  END IF;
  FOR k IN 1 .. ind.indnkeyatts LOOP
    IF ind.indkey[k - 1] = 0 THEN
      PERFORM public.kitos_gin_index(ind.indrelid, pg_get_indexdef(idx, k, true));
    END IF;
  END LOOP;
END
$$;

-- A FerretDB table: a (jsonb) column _jsonb and nothing else.
CREATE OR REPLACE FUNCTION public.kitos_gin_for_table(tbl oid) RETURNS void
LANGUAGE plpgsql SET client_min_messages = warning AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = tbl AND attname = '_jsonb' AND atttypid = 'jsonb'::regtype) THEN
    PERFORM public.kitos_gin_index(tbl, '(_jsonb -> ''_id''::text)');
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION public.kitos_gin_on_ddl() RETURNS event_trigger
LANGUAGE plpgsql SET client_min_messages = warning AS $$
DECLARE
  cmd record;
BEGIN
  FOR cmd IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP
    IF cmd.object_type = 'index' THEN
      PERFORM public.kitos_gin_for_index(cmd.objid);
    ELSIF cmd.object_type = 'table' THEN
      PERFORM public.kitos_gin_for_table(cmd.objid);
    END IF;
  END LOOP;
END
$$;

DROP EVENT TRIGGER IF EXISTS kitos_gin_indexes;
CREATE EVENT TRIGGER kitos_gin_indexes ON ddl_command_end WHEN TAG IN ('CREATE INDEX', 'CREATE TABLE')
  EXECUTE FUNCTION public.kitos_gin_on_ddl();

-- The GIN indexes of table `tbl` that nothing asks for any more: not its `_id`'s, not one of an expression key of one
-- of its (non-GIN) btree indexes. Only ours: GIN, named …_kgin.
CREATE OR REPLACE FUNCTION public.kitos_gin_orphans(tbl oid) RETURNS SETOF regclass
LANGUAGE sql STABLE AS $$
  SELECT g.indexrelid::regclass
    FROM pg_index g JOIN pg_class gc ON gc.oid = g.indexrelid JOIN pg_am ga ON ga.oid = gc.relam
   WHERE g.indrelid = tbl AND ga.amname = 'gin' AND gc.relname LIKE '%\_kgin'
     AND gc.relname <> public.kitos_gin_name(tbl, '(_jsonb -> ''_id''::text)')
     AND gc.relname NOT IN (
           SELECT public.kitos_gin_name(tbl, pg_get_indexdef(b.indexrelid, k.n::int, true))
             FROM pg_index b JOIN pg_class bc ON bc.oid = b.indexrelid JOIN pg_am ba ON ba.oid = bc.relam,
                  unnest(b.indkey::int2[]) WITH ORDINALITY AS k(att, n)
            WHERE b.indrelid = tbl AND ba.amname = 'btree' AND bc.relname NOT LIKE '%\_kgin'
              AND k.att = 0 AND k.n <= b.indnkeyatts)
$$;

-- Drops the orphaned GIN indexes of the FerretDB tables of schema `schema` (a FerretDB database); returns how many.
CREATE OR REPLACE FUNCTION public.kitos_gin_drop_orphans(schema text) RETURNS int
LANGUAGE plpgsql SET client_min_messages = warning AS $$
DECLARE
  idx regclass;
  dropped int := 0;
BEGIN
  FOR idx IN SELECT o FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, public.kitos_gin_orphans(c.oid) o
              WHERE n.nspname = schema AND c.relkind = 'r' AND c.relname NOT LIKE '\_ferretdb\_%' LOOP
    -- as on create: never fail FerretDB's own statement
    BEGIN
      EXECUTE format('DROP INDEX IF EXISTS %s', idx);
      dropped := dropped + 1;
    EXCEPTION WHEN OTHERS THEN
      RAISE WARNING 'kitos_gin_drop_orphans: % : %', idx, SQLERRM;
    END;
  END LOOP;
  RETURN dropped;
END
$$;

-- After FerretDB drops an index (not ours: our own DROP INDEX fires this trigger again and finds nothing to do).
CREATE OR REPLACE FUNCTION public.kitos_gin_on_drop() RETURNS event_trigger
LANGUAGE plpgsql SET client_min_messages = warning AS $$
DECLARE
  s text;
BEGIN
  FOR s IN SELECT DISTINCT schema_name FROM pg_event_trigger_dropped_objects()
            WHERE object_type = 'index' AND object_name NOT LIKE '%\_kgin' LOOP
    BEGIN
      PERFORM public.kitos_gin_drop_orphans(s);
    EXCEPTION WHEN OTHERS THEN
      RAISE WARNING 'kitos_gin_on_drop in %: %', s, SQLERRM;
    END;
  END LOOP;
END
$$;

DROP EVENT TRIGGER IF EXISTS kitos_gin_index_drops;
CREATE EVENT TRIGGER kitos_gin_index_drops ON sql_drop WHEN TAG IN ('DROP INDEX')
  EXECUTE FUNCTION public.kitos_gin_on_drop();

-- Backfill: FerretDB's tables and indexes made before the trigger (an existing data directory).
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname NOT LIKE 'pg\_%' AND n.nspname NOT IN ('information_schema', 'public') LOOP
    PERFORM public.kitos_gin_for_table(r.oid);
  END LOOP;
  FOR r IN SELECT i.indexrelid AS oid FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname NOT IN ('information_schema', 'public') LOOP
    PERFORM public.kitos_gin_for_index(r.oid);
  END LOOP;
  FOR r IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\_%' AND nspname NOT IN ('information_schema', 'public') LOOP
    PERFORM public.kitos_gin_drop_orphans(r.nspname);
  END LOOP;
END
$$;
