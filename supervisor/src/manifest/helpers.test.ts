import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from './did-you-mean.ts';
import { lineColumnOf } from './json-scan.ts';
import { matchesLogPattern, parseLogPattern } from './log-pattern.ts';
import { formatPath } from './problems.ts';
import { BundleManifest } from './schema.ts';
import { expandTemplate, parseTemplate } from './templates.ts';
import { allowedKeysAt } from './zod-problems.ts';

describe('did-you-mean', () => {
  it.each([
    ['', '', 0],
    ['kitten', 'sitting', 3],
    ['colour', 'color', 1],
    ['abc', '', 3],
  ])('editDistance(%j, %j) = %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });

  it.each([
    ['dbb', ['api', 'db', 'ui'], 'db'],
    ['servics', ['app', 'services'], 'services'],
    ['ui', ['db'], undefined],
    ['zzzzzz', ['command', 'env'], undefined],
    ['API', ['api'], 'api'],
    ['ab', ['ax', 'ay'], 'ax'],
  ] as const)('closestMatch(%j) = %j', (input, candidates, expected) => {
    expect(closestMatch(input, candidates)).toBe(expected);
  });
});

describe('templates', () => {
  it.each([
    ['plain', [{ kind: 'text', text: 'plain' }]],
    ['${node}', [{ kind: 'variable', name: 'node', raw: '${node}' }]],
    ['http://x:${ports.api.http}/', [{ kind: 'text', text: 'http://x:' }, { kind: 'port', service: 'api', port: 'http', raw: '${ports.api.http}' }, { kind: 'text', text: '/' }]],
    ['$${node}', [{ kind: 'text', text: '${node}' }]],
    ['http://${hosts.db}:1', [{ kind: 'text', text: 'http://' }, { kind: 'host', service: 'db', raw: '${hosts.db}' }, { kind: 'text', text: ':1' }]],
    ['${listenHost}', [{ kind: 'variable', name: 'listenHost', raw: '${listenHost}' }]],
    ['${hosts.db.x}', [{ kind: 'invalid', expression: 'hosts.db.x', raw: '${hosts.db.x}', reason: 'unknown' }]],
    ['${ports.a}', [{ kind: 'invalid', expression: 'ports.a', raw: '${ports.a}', reason: 'unknown' }]],
    ['a${dataDir', [{ kind: 'text', text: 'a' }, { kind: 'invalid', expression: 'dataDir', raw: '${dataDir', reason: 'unterminated' }]],
  ])('parseTemplate(%j)', (text, parts) => {
    expect(parseTemplate(text)).toEqual(parts);
  });

  it('expands references and escapes', () => {
    const values = { ports: { api: { http: 47001 } }, variables: { dataDir: '/d', bundleDir: '/b', logsDir: '/l', node: '/bin/node' } };
    expect(expandTemplate('${node} ${bundleDir}/x --port=${ports.api.http} $${HOME}', values)).toBe('/bin/node /b/x --port=47001 ${HOME}');
    expect(() => expandTemplate('${ports.db.http}', values)).toThrow('no port allocated for ${ports.db.http}');
  });

  it('puts one machine\'s address for hosts and listenHost unless given others', () => {
    const values = { ports: { db: { http: 47001 } }, variables: { dataDir: '/d', bundleDir: '/b', logsDir: '/l', node: 'node' } };
    expect(expandTemplate('http://${hosts.db}:${ports.db.http} ${listenHost}', values)).toBe('http://127.0.0.1:47001 127.0.0.1');
    const exported = { ...values, variables: { ...values.variables, listenHost: '0.0.0.0' }, hosts: { db: 'db' } };
    expect(expandTemplate('http://${hosts.db}:${ports.db.http} ${listenHost}', exported)).toBe('http://db:47001 0.0.0.0');
    expect(() => expandTemplate('${hosts.api}', exported)).toThrow('no host known for ${hosts.api}');
  });
});

describe('log patterns', () => {
  it.each([
    ['READY', 'server READY now', true],
    ['READY', 'ready', false],
    ['/ready/i', 'Server READY', true],
    ['/^listening on \\d+$/', 'listening on 8080', true],
    ['/', 'a / b', true],
  ])('%j against %j', (pattern, line, matches) => {
    expect(matchesLogPattern(parseLogPattern(pattern), line)).toBe(matches);
  });

  it('throws on a regex that does not compile', () => {
    expect(() => parseLogPattern('/(/')).toThrow(SyntaxError);
  });
});

describe('paths and positions', () => {
  it.each([
    [[], '(root)'],
    [['services', 'my-api', 'command', 0], 'services.my-api.command[0]'],
    [['secrets', 'a key'], 'secrets["a key"]'],
    [['services', 'api', 'ports', '1x'], 'services.api.ports["1x"]'],
  ] as const)('formatPath(%j) = %s', (segments, text) => {
    expect(formatPath(segments)).toBe(text);
  });

  it('computes 1-based line:column', () => {
    expect(lineColumnOf('ab\ncd', 0)).toBe('1:1');
    expect(lineColumnOf('ab\ncd', 4)).toBe('2:2');
  });

  it.each([
    [[], ['$schema', 'app', 'control', 'logs', 'ports', 'schemaVersion', 'secrets', 'services', 'ui', 'updates']],
    [['services', 'api', 'readiness', 'http'], ['host', 'path', 'port']],
    [['services', 'api', 'restart', 'backoff'], ['factor', 'initial', 'max']],
    [['services', 'api', 'platforms', 'win32'], ['command', 'env']],
    [['services', 'api', 'command'], []],
    [['secrets', 'DB_TOKEN'], ['description', 'env', 'generate', 'prompt', 'required']],
    [['ports'], ['range']],
  ] as const)('allowedKeysAt(%j)', (path, keys) => {
    expect(allowedKeysAt(BundleManifest, path)).toEqual(keys);
  });
});
