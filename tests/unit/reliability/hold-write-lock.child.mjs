// Child process for two-processes.test.ts: holds a write transaction on a site (as the app would
// in the middle of a Save) until its stdin closes, then rolls back.
import Database from 'better-sqlite3'

const db = new Database(process.argv[2], { fileMustExist: true })
db.exec('BEGIN IMMEDIATE')
db.prepare("INSERT INTO site_meta (key, value) VALUES ('held-by-child', 'yes')").run()
process.stdout.write('locked\n')
process.stdin.resume()
process.stdin.on('end', () => {
  db.exec('ROLLBACK')
  db.close()
  process.exit(0)
})
