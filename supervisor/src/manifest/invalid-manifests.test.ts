import { describe, expect, it } from 'vitest';
import { isBerthError } from '../errors.ts';
import { parseManifest } from './index.ts';
import { editedExample } from './test-helpers.ts';

/** The "path: message" lines of the MANIFEST_INVALID error thrown for `text`. */
function problemLines(text: string): readonly string[] {
  try {
    parseManifest(text, '/bundles/notes/bundle.json');
  } catch (error) {
    if (isBerthError(error, 'MANIFEST_INVALID')) return error.details;
    throw error;
  }
  throw new Error('expected the manifest to be refused');
}

type Edit = readonly [path: string, value: unknown];

// [what is wrong, edits to the DESIGN §4 example, expected "path: message" start]
const cases: ReadonlyArray<readonly [string, readonly Edit[], string]> = [
  // Schema (zod) problems.
  ['unknown service key, no close match', [['services.api.colour', 'red']], 'services.api.colour: unknown key "colour" (allowed: command, cwd, dependsOn'],
  ['unknown service key with a hint', [['services.api.comand', ['x']]], 'services.api.comand: unknown key "comand" — did you mean "command"?'],
  ['unknown top-level key', [['servics', {}]], 'servics: unknown key "servics" — did you mean "services"?'],
  ['unknown probe key', [['services.api.readiness.intervall', '1s']], 'services.api.readiness.intervall: unknown key "intervall" — did you mean "interval"?'],
  ['unknown port key', [['services.db.ports.http.fixd', 47001]], 'services.db.ports.http.fixd: unknown key "fixd" — did you mean "fixed"?'],
  ['wrong schema version', [['schemaVersion', 2]], 'schemaVersion: number 2 is not allowed: expected 1'],
  ['app id not reverse-DNS', [['app.id', 'notes']], 'app.id: use a reverse-DNS id'],
  ['app version not semver', [['app.version', '1.0']], 'app.version: use a semantic version'],
  ['probe interval not a duration', [['services.api.liveness.interval', '5 s']], 'services.api.liveness.interval: not a duration'],
  ['restart window not a duration', [['services.api.restart.window', 'soon']], 'services.api.restart.window: not a duration'],
  ['shutdown timeout without a unit', [['services.api.shutdown.timeout', '10']], 'services.api.shutdown.timeout: not a duration'],
  ['command as a shell string', [['services.api.command', 'node server.js']], 'services.api.command: expected array, got string "node server.js"'],
  ['empty command', [['services.api.command', []]], 'services.api.command: a command needs at least the program'],
  ['missing command', [['services.db.command', undefined]], 'services.db.command: required'],
  ['unknown dependency condition', [['services.api.dependsOn.db', 'healthy']], 'services.api.dependsOn.db: string "healthy" is not allowed'],
  ['restart policy typo', [['services.api.restart.policy', 'alway']], 'services.api.restart.policy: string "alway" is not allowed: expected "never" | "on-failure" | "always" | "unless-stopped" — did you mean "always"?'],
  ['shutdown signal typo', [['services.api.shutdown.signal', 'SIGTREM']], 'services.api.shutdown.signal: string "SIGTREM" is not allowed'],
  ['bad port name', [['services.db.ports.1x', {}]], 'services.db.ports["1x"]: invalid name "1x"'],
  ['probe with two kinds', [['services.api.readiness.tcp', { port: 'http' }]], 'services.api.readiness: a probe needs exactly one of'],
  ['secret without a source', [['secrets.DB_TOKEN', { required: true }]], 'secrets.DB_TOKEN: a secret needs exactly one source'],
  ['no services', [['services', {}], ['ui', undefined]], 'services: a bundle needs at least one service'],
  ['port beyond 65535', [['ports.range', [1, 70_000]]], 'ports.range[1]: 70000 is above the maximum 65535'],
  ['unknown kind', [['services.db.kind', 'daemon']], 'services.db.kind: string "daemon" is not allowed'],
  // Semantic problems.
  ['unknown dependency', [['services.api.dependsOn.dbb', 'ready']], 'services.api.dependsOn.dbb: unknown service "dbb" — did you mean "db"?'],
  ['self-dependency', [['services.db.dependsOn', { db: 'started' }]], 'services.db.dependsOn.db: service "db" depends on itself'],
  ['dependency cycle', [['services.db.dependsOn', { ui: 'started' }]], 'services.api.dependsOn.db: dependency cycle: api → db → ui → api'],
  ['completed on a service', [['services.ui.dependsOn.api', 'completed']], 'services.ui.dependsOn.api: "completed" needs a task, but "api" is a long-lived service'],
  ['when on a service', [['services.api.when', ['always']]], 'services.api.when: "when" applies to tasks only'],
  ['timeout on a service', [['services.api.timeout', '5m']], 'services.api.timeout: "timeout" applies to tasks only'],
  ['readiness names an undeclared port', [['services.db.readiness.http.port', 'htp']], 'services.db.readiness.http.port: service "db" has no port "htp" — did you mean "http"?'],
  ['liveness tcp names an undeclared port', [['services.api.liveness', { tcp: { port: 'admin' } }]], 'services.api.liveness.tcp.port: service "api" has no port "admin"'],
  ['probe port on a service without ports', [['services.migrate.readiness', { tcp: { port: 'db' } }]], 'services.migrate.readiness.tcp.port: service "migrate" has no port "db" (it declares no ports)'],
  ['ui names a missing service', [['ui.service', 'web']], 'ui.service: unknown service "web"'],
  ['ui names a missing port', [['ui.port', 'https']], 'ui.port: service "ui" has no port "https" — did you mean "http"?'],
  ['ui names a task', [['ui.service', 'migrate']], 'ui.service: "migrate" is a task'],
  ['fixed port used twice', [['services.api.ports.http', { fixed: 47_800 }]], 'services.ui.ports.http.fixed: port 47800 is already fixed at services.api.ports.http.fixed'],
  ['fixed port equal to the control port', [['control.port', 47_800]], 'services.ui.ports.http.fixed: port 47800 is already fixed at control.port'],
  ['inverted bundle range', [['ports.range', [47_999, 47_000]]], 'ports.range: inverted range [47999, 47000]'],
  ['inverted control range', [['control.range', [48_100, 48_000]]], 'control.range: inverted range [48100, 48000]'],
  ['port both fixed and ranged', [['services.db.ports.http', { fixed: 5000, range: [5000, 5010] }]], 'services.db.ports.http: set either "fixed" or "range", not both'],
  ['inverted port range', [['services.db.ports.http', { range: [5001, 5000] }]], 'services.db.ports.http.range: inverted range [5001, 5000]'],
  ['template names an unknown service', [['services.ui.env.API_URL', 'http://127.0.0.1:${ports.apii.http}']], 'services.ui.env.API_URL: unknown service "apii" in ${ports.apii.http} — did you mean "api"?'],
  ['template names an unknown port', [['services.ui.env.API_URL', '${ports.api.https}']], 'services.ui.env.API_URL: service "api" has no port "https" in ${ports.api.https}'],
  ['template names an unknown variable', [['services.db.command', ['${nodee}', 'x.js']]], 'services.db.command[0]: unknown template ${nodee} — did you mean "${node}"?'],
  ['unterminated template in cwd', [['services.db.cwd', '${dataDir/db']], 'services.db.cwd: unterminated template "${dataDir/db"'],
  ['template in a platform override', [['services.db.platforms.win32.command', ['${node}', '${bundleDirr}\\x.js']]], 'services.db.platforms.win32.command[1]: unknown template ${bundleDirr} — did you mean "${bundleDir}"?'],
  ['template in an exec probe', [['services.db.readiness', { exec: { command: ['${nod}', 'check.js'] } }]], 'services.db.readiness.exec.command[0]: unknown template ${nod}'],
  ['secret templated into env', [['services.api.env', { KEY: '${secrets.DB_TOKEN}' }]], 'services.api.env.KEY: secrets are never templated'],
  ['undeclared secret', [['services.api.secrets.OPENAI_KEY', 'env']], 'services.api.secrets.OPENAI_KEY: secret "OPENAI_KEY" is not declared in the top-level "secrets" — did you mean "OPENAI_API_KEY"?'],
  ['log regex that does not compile', [['services.ui.readiness.log', '/READY(/']], 'services.ui.readiness.log: the pattern /READY(/ does not compile'],
  ['log regex with a bad flag', [['services.ui.readiness.log', '/READY/q']], 'services.ui.readiness.log: the pattern /READY/q does not compile'],
];

describe('invalid manifests', () => {
  it.each(cases)('%s', (_label, edits, expected) => {
    const lines = problemLines(editedExample(edits));
    expect(lines.find((line) => line.startsWith(expected)), `lines were:\n${lines.join('\n')}`).toBeDefined();
  });

  it('has 30+ cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });
});
