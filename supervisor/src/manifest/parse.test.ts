import { describe, expect, it } from 'vitest';
import { exitCodeFor, isBerthError } from '../errors.ts';
import { findManifestProblems, parseManifest, validateManifest } from './index.ts';
import { designExample, editedExample } from './test-helpers.ts';

/** The detail lines of the MANIFEST_INVALID error, or [] when the text is accepted. */
function detailsOf(text: string): readonly string[] {
  try {
    parseManifest(text, 'bundle.json');
    return [];
  } catch (error) {
    if (isBerthError(error, 'MANIFEST_INVALID')) return error.details;
    throw error;
  }
}

describe('parseManifest', () => {
  it('accepts the DESIGN §4 example and fills in the defaults', () => {
    const loaded = parseManifest(JSON.stringify(designExample()), '/apps/notes/bundle.json');
    expect(loaded.path).toBe('/apps/notes/bundle.json');
    expect(loaded.bundleDir).toBe('/apps/notes');
    const { api, migrate } = loaded.manifest.services;
    expect(api?.kind).toBe('service');
    expect(migrate?.kind).toBe('task');
    expect(api?.liveness?.interval).toBe(5000);
    expect(api?.readiness?.startTimeout).toBe(60_000);
    expect(api?.restart).toMatchObject({ policy: 'on-failure', maxRestarts: 5, window: 60_000 });
    expect(api?.shutdown).toEqual({ signal: 'SIGTERM', timeout: 10_000, stdin: false });
    expect(loaded.manifest.control.range).toEqual([47_000, 47_999]);
    expect(validateManifest(loaded.manifest)).toEqual([]);
  });

  it.each([
    ['a literal ${ written as $${', [['services.ui.env.LITERAL', 'cost: $${price}']]],
    ['a log probe regex that compiles', [['services.ui.readiness.log', '/ready on port \\d+/i']]],
    ['a task depending on a task with "completed"', [['services.seed', { kind: 'task', command: ['x'], dependsOn: { migrate: 'completed' } }]]],
    ['templates in cwd and platform overrides', [['services.db.cwd', '${dataDir}'], ['services.db.platforms.win32.command', ['${node}', '${bundleDir}\\db.js']]]],
    ['a fixed port outside the bundle range', [['services.db.ports.http', { fixed: 8080 }]]],
  ] as const)('accepts %s', (_label, edits) => {
    expect(detailsOf(editedExample(edits))).toEqual([]);
  });

  it('reports several problems at once, sorted by path, with a summary', () => {
    const text = editedExample([
      ['services.api.dependsOn.dbb', 'ready'],
      ['services.api.secrets.NOPE', 'env'],
      ['ui.port', 'https'],
      ['services.ui.env.API_URL', '${ports.api.web}'],
      ['ports.range', [48_000, 47_000]],
    ]);
    let caught: unknown;
    try {
      parseManifest(text, 'bundle.json');
    } catch (error) {
      caught = error;
    }
    expect(isBerthError(caught, 'MANIFEST_INVALID')).toBe(true);
    expect(exitCodeFor(caught)).toBe(2);
    expect(isBerthError(caught) && caught.message).toBe('bundle.json is not a valid bundle manifest (5 problems)');
    expect((isBerthError(caught) ? caught.details : []).map((line) => line.slice(0, line.indexOf(':')))).toEqual([
      'ports.range',
      'services.api.dependsOn.dbb',
      'services.api.secrets.NOPE',
      'services.ui.env.API_URL',
      'ui.port',
    ]);
  });

  it('reports every schema problem at once too', () => {
    const lines = detailsOf(editedExample([['services.api.colour', 1], ['services.db.readiness.interval', 'often'], ['app.version', 'one']]));
    expect(lines).toHaveLength(3);
  });

  it('does not let unknown keys hide semantic problems', () => {
    expect(detailsOf(editedExample([['services.api.colour', 'red'], ['services.api.dependsOn.dbb', 'ready']]))).toEqual([
      expect.stringMatching(/^services\.api\.colour: unknown key "colour"/),
      'services.api.dependsOn.dbb: unknown service "dbb" — did you mean "db"?',
    ]);
  });

  it('quotes the value of a malformed duration', () => {
    expect(detailsOf(editedExample([['services.api.liveness.interval', '5 s']]))).toEqual([
      'services.api.liveness.interval: not a duration: write e.g. "250ms", "5s", "1m30s", "2h" (got "5 s")',
    ]);
  });

  it.each([
    ['a missing value', '{\n  "schemaVersion": 1,\n  "app": }\n', '(root): not valid JSON at line 3:10: expected a value, found "}"'],
    ['a trailing comma', '{\n  "a": 1,\n}', '(root): not valid JSON at line 3:1: expected a double-quoted key, found "}"'],
    ['a truncated file', '{\n  "schemaVersion": 1,\n', '(root): not valid JSON at line 3:1: expected a double-quoted key, found the end of the file'],
    ['a comment', '// notes\n{}', '(root): not valid JSON at line 1:1: expected a value, found "/"'],
    ['an empty file', '', '(root): not valid JSON at line 1:1: expected a value, found the end of the file'],
    ['not an object', '[]', '(root): expected object, got an array'],
  ])('locates %s', (_label, text, expected) => {
    expect(detailsOf(text)).toEqual([expected]);
  });

  it('reports keys written twice, which JSON.parse would hide', () => {
    const text = '{"schemaVersion":1,"app":{"id":"a.b","name":"n","version":"1.0.0"},\n"services":{"a":{"command":["x"]},\n "a":{"command":["y"]}}}';
    expect(detailsOf(text)).toEqual(['services.a: duplicate key "a" at line 3:2: only the last one would count']);
  });

  it('ignores a byte-order mark', () => {
    expect(findManifestProblems(`\uFEFF${JSON.stringify(designExample())}`).problems).toEqual([]);
  });
});
