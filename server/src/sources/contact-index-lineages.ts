import { readFile, rename, writeFile } from 'node:fs/promises';

/**
 * The owners' lineages saved beside the embedded database, so that the first export after a
 * restart does not read 100,000 health workers by key (17 s of a 27 s first export at that size).
 * A plain file, written whole and renamed into place: saved as `_local` docs in the database, 10 MB
 * of lineages made LevelDB's native memory grow by gigabytes. It holds the sequence the lineages are
 * current at; a restart follows the changes feed from there, which drops every owner changed since.
 */
export interface SavedLineages {
  since: number;
  /** Each `[owner, ...ancestors]`. */
  lineages: string[][];
}

const isLineage = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length > 0 && value.every(id => typeof id === 'string');

export const saveLineages = async (file: string, lineages: ReadonlyArray<readonly string[]>, since: number): Promise<void> => {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ since, lineages }), { mode: 0o600 });
  await rename(temporary, file);
};

/** The saved lineages, or undefined when there are none or the file is not one of ours. */
export const readLineages = async (file: string): Promise<SavedLineages | undefined> => {
  let saved: Partial<SavedLineages>;
  try {
    saved = JSON.parse(await readFile(file, 'utf8')) as Partial<SavedLineages>;
  } catch {
    return undefined;
  }
  if (typeof saved !== 'object' || saved === null || typeof saved.since !== 'number' || !Array.isArray(saved.lineages)) {
    return undefined;
  }
  return { since: saved.since, lineages: saved.lineages.filter(isLineage) };
};
