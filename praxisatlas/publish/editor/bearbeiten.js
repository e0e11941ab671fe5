// Registers the Praxisatlas file formats (praxisatlas-format.js, set up by einstellungen.json, both written
// by the build) and starts Sveltia CMS with config.yml. Everything is loaded from this site only.
import * as YAML from './yaml/index.js';
import { formats } from './praxisatlas-format.js';

const settings = await (await fetch('einstellungen.json')).json();
for (const [name, format] of Object.entries(formats(YAML, settings))) {
  window.CMS.registerCustomFormat(name, format.extension, format);
}
window.CMS.init();
