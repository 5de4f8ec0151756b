// duckdb_run.cjs PACKAGE SCRIPT - runs the SQL statements of SCRIPT in an
// in-memory DuckDB, through PACKAGE (the path of @duckdb/node-api).
const { DuckDBInstance } = require(process.argv[2]);
const sql = require('node:fs').readFileSync(process.argv[3], 'utf8');
(async () => {
	const db = await DuckDBInstance.create(':memory:');
	const conn = await db.connect();
	await conn.run(sql);
})().catch((e) => {
	console.error(e.message);
	process.exit(1);
});
