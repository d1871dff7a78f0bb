import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

/**
 * The server's rooms, top to bottom (docs/architecture.md): a file imports only from its own room or
 * from rooms below it, so routes call services, services call rules, and sources sit below them.
 * `(root)` is main.ts, server.ts, app.ts and config.ts.
 */
const ROOMS = [
  'cli', '(root)', 'demo',
  'couch', 'http', 'texts',
  'schedules', 'dhis2', 'export-log', 'export',
  'sources', 'session', 'settings', 'cht', 'logging',
] as const;

/** Folders that hold no code another file imports. */
const NOT_ROOMS = new Set(['types']);
const MAX_LINES = 250;

const SRC = path.resolve(__dirname, '../src');

const sourceFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
  const full = path.join(dir, entry.name);
  if (entry.isDirectory()) {
    return sourceFiles(full);
  }
  return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
});

const roomOf = (file: string): string => {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts.length === 1 ? '(root)' : parts[0];
};

interface RoomImport {
  from: string;
  to: string;
  fromRoom: string;
  toRoom: string;
}

/** Every relative import (static, type-only, re-export or dynamic) from one file to another file of server/src. */
const importsOf = (file: string, text = readFileSync(file, 'utf8')): RoomImport[] =>
  ts.preProcessFile(text, true, true).importedFiles
    .map(({ fileName }) => fileName)
    .filter(name => name.startsWith('.'))
    .map(name => path.resolve(path.dirname(file), name))
    .filter(target => !path.relative(SRC, target).startsWith('..'))
    .map(target => ({
      from: path.relative(SRC, file), to: path.relative(SRC, target), fromRoom: roomOf(file), toRoom: roomOf(target),
    }));

/** Imports that run up the rooms or sideways into a room on the same floor. */
const upwardImports = (imports: readonly RoomImport[]): RoomImport[] =>
  imports.filter(({ fromRoom, toRoom }) =>
    fromRoom !== toRoom && ROOMS.indexOf(toRoom as typeof ROOMS[number]) <= ROOMS.indexOf(fromRoom as typeof ROOMS[number]));

/** A cycle between rooms, as the rooms it goes through, or undefined. */
const roomCycle = (imports: readonly RoomImport[]): string[] | undefined => {
  const edges = new Map<string, Set<string>>();
  for (const { fromRoom, toRoom } of imports) {
    if (fromRoom !== toRoom) {
      edges.set(fromRoom, (edges.get(fromRoom) ?? new Set()).add(toRoom));
    }
  }
  const done = new Set<string>();
  const visit = (room: string, trail: string[]): string[] | undefined => {
    if (trail.includes(room)) {
      return [...trail.slice(trail.indexOf(room)), room];
    }
    if (done.has(room)) {
      return undefined;
    }
    for (const next of edges.get(room) ?? []) {
      const cycle = visit(next, [...trail, room]);
      if (cycle) {
        return cycle;
      }
    }
    done.add(room);
    return undefined;
  };
  for (const room of edges.keys()) {
    const cycle = visit(room, []);
    if (cycle) {
      return cycle;
    }
  }
  return undefined;
};

/** Tests may call their subject from above (the export pass over the view, `readConfig` for DHIS2): only the product's code keeps the order. */
const files = sourceFiles(SRC).filter(file => !file.endsWith('.test.ts'));
const imports = files.flatMap(file => importsOf(file));

describe('the server\'s rooms', () => {
  it('has every folder of server/src in the room order', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter(entry => entry.isDirectory()).map(entry => entry.name);
    const unplaced = folders.filter(folder => !NOT_ROOMS.has(folder) && !(ROOMS as readonly string[]).includes(folder));
    assert.deepEqual(unplaced, [], 'a new folder takes its place in ROOMS and in docs/architecture.md');
  });

  it('reads the imports it checks', () => {
    assert.ok(imports.some(({ fromRoom, toRoom }) => fromRoom === 'http' && toRoom === 'export'));
    assert.ok(imports.some(({ fromRoom, toRoom }) => fromRoom === 'sources' && toRoom === 'cht'));
  });

  it('imports only down the rooms', () => {
    const upward = upwardImports(imports).map(({ from, to }) => `${from} → ${to}`);
    assert.deepEqual(upward, []);
  });

  it('has no import cycle between rooms', () => {
    assert.equal(roomCycle(imports)?.join(' → '), undefined);
  });

  it('tells an import up the rooms, and a cycle, when there is one', () => {
    const sneaked = importsOf(path.join(SRC, 'export/aggregate.ts'), "import { sendToDhis2 } from '../dhis2/send-to-dhis2';");
    assert.deepEqual(upwardImports(sneaked).map(({ from, to }) => `${from} → ${to}`), ['export/aggregate.ts → dhis2/send-to-dhis2']);
    const cycle = roomCycle([...imports, ...sneaked]);
    assert.ok(cycle?.includes('export') && cycle.includes('dhis2') && cycle[0] === cycle.at(-1), cycle?.join(' → '));
  });

  it(`keeps every source file within ${MAX_LINES} lines`, () => {
    const long = files
      .map(file => ({ file: path.relative(SRC, file), lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines}`);
    assert.deepEqual(long, []);
  });
});
