-- Trigram indexes for the device table's search (ILIKE '%text%' on name and serial), which no
-- btree can serve. Created where the server offers pg_trgm (Postgres, Neon). PGlite offers it
-- only when the extension is loaded into the PGlite instance, which the embedded client does
-- not do (yet); there this migration is a no-op and search scans, which the embedded scale
-- affords. A later migration can run this same block again once PGlite loads pg_trgm.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX IF NOT EXISTS devices_name_trgm_idx ON devices USING gin (name gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS devices_serial_number_trgm_idx ON devices USING gin (serial_number gin_trgm_ops);
  END IF;
END
$$;
