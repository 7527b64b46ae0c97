/**
 * Migration 5: the demo database mark (db/demo-database-mark.ts), set on the demo databases built before
 * it existed, so their DEMO accounts still sign in. A demo database is recognised by the label the demo
 * builder alone writes into it (app_setting 'demo.activity': its invented monitoring activity); a
 * branch's database never has it, so it stays unmarked and DEMO accounts are refused there.
 * Frozen text: migrations are append-only, a later change is a new migration.
 */
export const MIGRATION_0005_DEMO_DATABASE_MARK = `
INSERT INTO "app_setting" ("key", "value")
SELECT 'database.demo', 'true' WHERE EXISTS (SELECT 1 FROM "app_setting" WHERE "key" = 'demo.activity')
ON CONFLICT ("key") DO NOTHING;
`;
