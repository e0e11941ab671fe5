// File formats of the Praxisatlas for Sveltia CMS (CMS.registerCustomFormat): what the form editor reads from
// and writes to the repository. A practice is YAML front matter plus the body with its fixed sections; each
// section is a Markdown field of its own in the form and is written back as "## Heading" in the order the
// validator expects. Kommunen, Themen and Netzwerke are YAML files. Both keep the first line
// "# yaml-language-server: $schema=…" and write YAML that Python's YAML 1.1 reader reads back unchanged
// (dates, "no", "on", "05766" in quotes). tests/test_editor.py runs every entry through fromFile and toFile.

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;
const FENCE = /^\s*(```|~~~)/;

function isEmpty(value) {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

// Drops what the form leaves empty (optional fields the person did not fill in), at every level.
export function clean(value, keep = []) {
  if (Array.isArray(value)) {
    return value.map((item) => clean(item)).filter((item) => !isEmpty(item));
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const result = {};
    for (const [key, item] of Object.entries(value)) {
      const cleaned = clean(item);
      if (!isEmpty(cleaned) || keep.includes(key)) result[key] = cleaned ?? [];
    }
    return result;
  }
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').replace(/\s+$/, '') : value;
}

// Splits a body into its sections: { field: text }, text before the first section under `vorspann`.
export function splitSections(body, sections, vorspann) {
  const byHeading = Object.fromEntries(sections.map((s) => [s.heading, s.field]));
  const result = {};
  let current = vorspann;
  let lines = [];
  let inFence = false;
  const flush = () => {
    const text = lines.join('\n').trim();
    if (text) result[current] = text;
    lines = [];
  };
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    if (FENCE.test(line)) inFence = !inFence;
    const match = inFence ? null : /^##[ \t]+(.+?)[ \t]*#*[ \t]*$/.exec(line);
    if (match && byHeading[match[1]] && !(byHeading[match[1]] in result)) {
      flush();
      current = byHeading[match[1]];
    } else {
      lines.push(line);
    }
  }
  flush();
  return result;
}

function dump(YAML, data) {
  return YAML.stringify(data, { version: '1.1', lineWidth: 100, minContentWidth: 40 });
}

// The formats for CMS.registerCustomFormat (praxisatlas-frontmatter for practices, praxisatlas-<kind> for the
// other kinds), configured by
// einstellungen.json (written from the schemas by praxisatlas/publish/editor/config.py).
export function formats(YAML, settings) {
  const sectionFields = new Set(settings.abschnitte.map((s) => s.field));
  const parse = (text) => YAML.parse(text, { version: '1.1' }) ?? {};
  const result = {};
  for (const [name, kind] of Object.entries(settings.arten)) {
    if (name === 'praxis') continue;
    result[`praxisatlas-${name}`] = {
      extension: 'yml',
      fromFile: (text) => parse(text),
      toFile: (data) => `${kind.kommentar}\n${dump(YAML, clean(data, kind.pflicht))}`,
    };
  }
  return {
    ...result,
    'praxisatlas-frontmatter': {
      extension: 'md',
      fromFile(text) {
        const match = FRONT_MATTER.exec(text);
        const data = match ? parse(match[1]) : {};
        return { ...data, ...splitSections(match ? match[2] : text, settings.abschnitte, settings.vorspann) };
      },
      toFile(data) {
        const kind = settings.arten.praxis;
        const head = {};
        for (const [key, value] of Object.entries(data)) {
          if (!sectionFields.has(key) && key !== settings.vorspann) head[key] = value;
        }
        let text = `---\n${kind.kommentar}\n${dump(YAML, clean(head, kind.pflicht))}---\n`;
        const intro = clean(data[settings.vorspann] ?? '');
        if (intro) text += `\n${intro}\n`;
        for (const section of settings.abschnitte) {
          const body = clean(data[section.field] ?? '');
          if (body) text += `\n## ${section.heading}\n\n${body}\n`;
        }
        return text;
      },
    },
  };
}
