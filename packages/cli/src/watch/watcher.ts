// Watches a watch's targets with node:fs watch, one non-recursive watcher per directory: the
// directory of each file (or its nearest existing ancestor while the file's folder is missing) and
// every folder of each searched tree, skipping node_modules and .git as discovery does (Node's
// recursive mode would watch those too, and on Linux walks them to do so). Watching folders rather
// than files sees editors that save by renaming a new file over the old one, and files that appear.
// An event counts only when it concerns a target; anything else in a watched folder is ignored.

import { type FSWatcher, readdirSync, watch } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileErrorReason } from '@autoscale/node-io';
import { statOf, type WatchTargets } from './targets.ts';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

function isDirectory(path: string): boolean {
  return statOf(path)?.isDirectory() === true;
}

function nearestExisting(dir: string): string {
  let at = dir;
  while (!isDirectory(at) && dirname(at) !== at) at = dirname(at);
  return at;
}

function isUnder(path: string, dir: string): boolean {
  return path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

export class InputWatcher {
  private readonly onChange: (path: string) => void;
  private readonly onProblem: (message: string) => void;
  private readonly watchers = new Map<string, FSWatcher>();
  /** Folders that could not be watched, reported once each. */
  private readonly unwatchable = new Set<string>();
  private targets: WatchTargets = { files: [], trees: [] };

  /** `onChange` gets the absolute path of a target that changed, appeared or went. */
  constructor(onChange: (path: string) => void, onProblem: (message: string) => void) {
    this.onChange = onChange;
    this.onProblem = onProblem;
  }

  /** Watches what the targets need and stops watching the rest; returns how many input files there are now. */
  update(targets: WatchTargets): number {
    this.targets = targets;
    const folders = new Set<string>();
    const inputs = new Set<string>();
    for (const file of targets.files) {
      folders.add(nearestExisting(dirname(file)));
      if (statOf(file)?.isFile() === true) inputs.add(file);
    }
    for (const tree of targets.trees) {
      if (!isDirectory(tree.dir)) {
        folders.add(nearestExisting(tree.dir));
        continue;
      }
      const visit = (dir: string): void => {
        folders.add(dir);
        let entries: Array<{ name: string; isDirectory(): boolean; isFile(): boolean }>;
        try {
          entries = readdirSync(dir, { withFileTypes: true });
        } catch {
          return; // Unreadable, or gone since: discovery skips it too.
        }
        for (const entry of entries) {
          const path = join(dir, entry.name);
          if (entry.isDirectory()) {
            if (!SKIPPED_DIRECTORIES.has(entry.name)) visit(path);
          } else if (entry.isFile() && tree.accepts(path)) inputs.add(path);
        }
      };
      visit(tree.dir);
    }
    for (const [dir, watcher] of this.watchers) {
      if (folders.has(dir)) continue;
      watcher.close();
      this.watchers.delete(dir);
    }
    for (const dir of folders) if (!this.watchers.has(dir)) this.watchFolder(dir);
    return inputs.size;
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private watchFolder(dir: string): void {
    try {
      const watcher = watch(dir, { persistent: true }, (_event, name) => {
        // Without a name (some platforms), anything in the folder may have changed.
        if (name === null) this.onChange(dir);
        else this.event(dir, join(dir, name.toString()));
      });
      // The folder went (removed or renamed): a run says what that did, and the next update re-watches.
      watcher.on('error', () => {
        watcher.close();
        this.watchers.delete(dir);
        this.onChange(dir);
      });
      this.watchers.set(dir, watcher);
      this.unwatchable.delete(dir);
    } catch (err) {
      if (!this.unwatchable.has(dir)) this.onProblem(`cannot watch ${dir}: ${fileErrorReason(err)}`);
      this.unwatchable.add(dir);
    }
  }

  /** Whether a path's change concerns a target, and if so reports it. */
  private event(dir: string, path: string): void {
    const { files, trees } = this.targets;
    // A target file, or a missing folder on the way to one (or to a missing tree) appearing.
    const relevant =
      files.some((f) => f === path || isUnder(f, path)) ||
      trees.some((t) => t.dir === path || isUnder(t.dir, path)) ||
      trees.some(
        (t) =>
          isUnder(path, t.dir) &&
          // A file the search takes, or a folder that appears (it may hold some) or goes (it may have held some).
          (t.accepts(path) || (!SKIPPED_DIRECTORIES.has(path.slice(dir.length + 1)) && this.isFolderEvent(path))),
      );
    if (relevant) this.onChange(path);
  }

  private isFolderEvent(path: string): boolean {
    return isDirectory(path) || this.watchers.has(path);
  }
}
