// The electron-builder command lines `npm run dist` runs (the build itself: electron/test/packaged-app.test.ts).
import { describe, expect, it } from 'vitest';
import { electronBuilderArgs, standInBuilderArgs } from './package-app.ts';

describe('electron-builder command line', () => {
  it('passes the arguments through with the config, and overrides only what is asked', () => {
    expect(electronBuilderArgs({ builderArgs: ['--mac'] })).toEqual(['--config', 'electron-builder.config.cjs', '--mac']);
    expect(electronBuilderArgs({ builderArgs: standInBuilderArgs(['--x64']), electronDist: '/s/electron', outputDir: '/o' })).toEqual([
      '--config', 'electron-builder.config.cjs', '--linux', 'dir', '--publish', 'never', '--x64', '-c.electronDist=/s/electron', '-c.directories.output=/o',
    ]);
  });
});
