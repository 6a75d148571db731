-- GIN counterparts of FerretDB's indexes in the embedded PostgreSQL (issue 14; docs/operations.md, "Embedded store").
--
-- FerretDB 1.24 writes every equality it pushes down as `_jsonb->$1 @> $2`, `{ _id }` included; its own indexes are
-- btree indexes on `((_jsonb->'field'))`, which serve `=` but not `@>`, so every such query is a sequential scan. A GIN
-- index `((_jsonb->'field') jsonb_path_ops)` serves `@>`. This event trigger adds one for the `_id` of every new
-- FerretDB table and for every `_jsonb->…` expression of every index FerretDB creates; the backfill at the end does the
-- same for tables and indexes made before it was installed. Idempotent: run it after every start, before FerretDB.
-- deploy/embedded-infra.sh and libs/testing (processes.ts) run it unless KITOS_PG_GIN_INDEXES=0, which drops the trigger
-- instead (indexes made earlier stay).
--
-- Names: <table, at most 40 characters>_<8 hex digits of md5 of the expression>_kgin, so the GIN made for a new table's
-- `_id` and the one for FerretDB's `_id_` index are the same (CREATE INDEX IF NOT EXISTS), and the trigger skips the
-- indexes it makes itself (suffix _kgin). FerretDB's metadata tables (_ferretdb_*) are left alone.

SET client_min_messages = warning;

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
                   left(rel.relname, 40) || '_' || left(md5(expr), 8) || '_kgin', tbl, expr);
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
END
$$;
