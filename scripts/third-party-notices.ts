// The notices of third-party code a bundle inlines: which npm packages the bundle's modules come
// from, and each one's name, version, licence and licence text, as one Markdown file that ships
// beside the bundle (their licences ask for the notice to travel with the code). Used by the
// command's bundle (build-cli.ts) and the playground's (packages/playground/vite.config.ts).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

interface PackageNotice {
  name: string;
  version: string;
  license: string;
  text: string | undefined;
}

/** The directories of the npm packages that `modules` (file paths, as bundlers report them) come from. */
export function packageDirectories(modules: Iterable<string>): Set<string> {
  const dirs = new Set<string>();
  for (const raw of modules) {
    const path = raw
      .replace(/^\0/, '')
      .replace(/[?#].*$/, '')
      .split('/')
      .join(sep);
    const at = path.lastIndexOf(`${sep}node_modules${sep}`);
    if (at < 0) continue;
    const rest = path.slice(at + `${sep}node_modules${sep}`.length).split(sep);
    const depth = rest[0]?.startsWith('@') ? 2 : 1;
    dirs.add(path.slice(0, at + `${sep}node_modules${sep}`.length) + rest.slice(0, depth).join(sep));
  }
  return dirs;
}

function notice(dir: string): PackageNotice {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license?: string;
  };
  const licenseFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  return {
    name: manifest.name,
    version: manifest.version,
    license: manifest.license ?? 'see its licence text',
    text: licenseFile === undefined ? undefined : readFileSync(join(dir, licenseFile), 'utf8').trim(),
  };
}

/** The notices file for the packages in `dirs`; `what` names the bundle in its first line. */
export function noticesMarkdown(what: string, dirs: Iterable<string>): string {
  const notices = [...dirs].filter((dir) => existsSync(join(dir, 'package.json'))).map(notice);
  // One entry per package and version, whichever copy of it the bundler read.
  const unique = [...new Map(notices.map((n) => [`${n.name}@${n.version}`, n])).values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const entries = unique.map(
    (n) =>
      `## ${n.name} ${n.version}\n\nLicence: ${n.license}\n\n${n.text === undefined ? '(The package ships no licence file.)' : `\`\`\`\n${n.text}\n\`\`\``}\n`,
  );
  return `# Third-party notices\n\n${what} includes code from these npm packages, under their licences.\n\n${entries.join('\n')}`;
}
