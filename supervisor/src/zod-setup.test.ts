import { expect, it } from 'vitest';
import { z } from 'zod';
import './zod-setup.ts';
import { BundleManifest } from './manifest/schema.ts';

it('turns off zod\'s generated parsers, and schemas still parse and reject as before', () => {
  expect(z.config().jitless).toBe(true);
  const manifest = { schemaVersion: 1, app: { id: 'dev.berth.test', name: 'test', version: '1.0.0' }, services: { one: { command: ['node', 'x.js'] } } };
  expect(BundleManifest.safeParse(manifest).success).toBe(true);
  const wrong = BundleManifest.safeParse({ ...manifest, services: { one: { command: 'node x.js' } } });
  expect(wrong.success).toBe(false);
  expect(wrong.error?.issues[0]?.path).toEqual(['services', 'one', 'command']);
});
