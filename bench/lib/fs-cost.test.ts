// A real folder under a temp root: the probe measures and leaves nothing behind.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { measureFileCreation } from './fs-cost.ts';

let root = '';
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'berth-fs-cost-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('measureFileCreation', () => {
  it('reports a CPU time for mkdir and for create, and removes what it created', () => {
    const cost = measureFileCreation(root, 20);
    expect(Number.isFinite(cost.mkdirUs) && cost.mkdirUs >= 0).toBe(true);
    expect(Number.isFinite(cost.createUs) && cost.createUs >= 0).toBe(true);
    expect(readdirSync(root)).toEqual([]);
  });

  it('fails on a root it cannot write to, leaving nothing', () => {
    expect(() => measureFileCreation(join(root, 'missing'))).toThrow(/ENOENT/);
    expect(readdirSync(root)).toEqual([]);
  });
});
