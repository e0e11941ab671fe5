// Runs entry files through the form editor's own file formats (praxisatlas-format.js with the settings the
// build writes): fromFile, then toFile, as Sveltia CMS does when a person opens and saves an entry unchanged.
// Usage: node editor_roundtrip.mjs EINSTELLUNGEN.json AUSGABEORDNER ART:DATEI …  (ART: praxis, kommune, …)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const YAML = await import(pathToFileURL(join(root, 'node_modules/yaml/browser/index.js')));
const { formats } = await import(pathToFileURL(join(root, 'praxisatlas/publish/editor/praxisatlas-format.js')));

const [settingsFile, out, ...files] = process.argv.slice(2);
const all = formats(YAML, JSON.parse(readFileSync(settingsFile, 'utf8')));
const fields = {};
for (const item of files) {
  const [kind, file] = item.split(/:(.*)/s);
  const format = all[kind === 'praxis' ? 'praxisatlas-frontmatter' : `praxisatlas-${kind}`];
  const data = format.fromFile(readFileSync(file, 'utf8'));
  fields[file] = Object.keys(data);
  mkdirSync(join(out, kind), { recursive: true });
  writeFileSync(join(out, kind, basename(file)), format.toFile(data));
}
console.log(JSON.stringify(fields));
