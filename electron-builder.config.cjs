// electron-builder configuration (`npm run dist`, after `npm run build`). The app ships the compiled
// supervisor, bundle.json and the bundle's services as extraResources (outside the asar), so the
// supervisor runs on Electron's own Node (ELECTRON_RUN_AS_NODE=1 — the RunAsNode fuse stays on).
// Notarisation runs only when Apple credentials are in the environment; update publishing only
// when BERTH_UPDATE_URL is set.
const fs = process.getBuiltinModule('node:fs');
const path = process.getBuiltinModule('node:path');

/** app.id and app.name of the shipped bundle (fallbacks keep the config loadable without it). */
function readBundleApp() {
  try {
    const bundle = JSON.parse(fs.readFileSync(path.join(__dirname, 'bundle.json'), 'utf8'));
    return { id: String(bundle.app.id), name: String(bundle.app.name) };
  } catch {
    return { id: 'dev.berth.app', name: 'Berth' };
  }
}

const env = process.env;
const app = readBundleApp();
const notarize = Boolean(
  (env.APPLE_ID && env.APPLE_APP_SPECIFIC_PASSWORD && env.APPLE_TEAM_ID) ||
    (env.APPLE_API_KEY && env.APPLE_API_KEY_ID && env.APPLE_API_ISSUER) ||
    (env.APPLE_KEYCHAIN && env.APPLE_KEYCHAIN_PROFILE),
);

/** Fixed forever: Windows Installer recognises upgrades of the same product by this code. */
const MSI_UPGRADE_CODE = '23BBA736-899F-49E9-A207-A72F51A47ABE';

/** @type {import('app-builder-lib').Configuration} */
module.exports = {
  appId: app.id,
  productName: app.name,
  copyright: `Copyright © ${new Date().getFullYear()} ${app.name} authors`,
  directories: { output: 'release', buildResources: 'build' },
  asar: true,
  // main.cjs and preload.cjs are self-contained bundles: no node_modules in the app. Source maps
  // stay in dist/ (the dashboard `berth run` serves) and out of the package.
  files: ['dist/electron/**/*', 'dist/renderer/**/*', 'package.json', '!**/*.map', '!**/node_modules/**'],
  npmRebuild: false,
  extraResources: [
    { from: 'dist/supervisor', to: 'supervisor', filter: ['**/*', '!**/*.map'] },
    // The bundle in a folder of its own: the supervisor installs exactly this folder as a version.
    { from: 'bundle.json', to: 'bundle/bundle.json' },
    { from: 'dist/services', to: 'bundle/dist/services', filter: ['**/*', '!**/*.map'] },
    { from: 'build/tray', to: 'tray' },
  ],
  electronFuses: {
    runAsNode: true,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
  },
  publish: env.BERTH_UPDATE_URL ? [{ provider: 'generic', url: env.BERTH_UPDATE_URL }] : null,
  mac: {
    target: ['dmg'],
    category: 'public.app-category.developer-tools',
    icon: 'build/icon.icns',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    notarize,
  },
  dmg: { sign: false },
  win: { target: ['nsis', 'msi'], icon: 'build/icon.ico' },
  nsis: { oneClick: true, perMachine: false },
  msi: { upgradeCode: MSI_UPGRADE_CODE, perMachine: false, oneClick: true, createDesktopShortcut: true, createStartMenuShortcut: true },
  linux: {
    target: ['AppImage'],
    icon: 'build/icons',
    category: 'Development',
    desktop: {
      entry: { Name: app.name, Comment: `${app.name} (Berth)`, Categories: 'Development;', Terminal: 'false', StartupWMClass: app.name },
    },
  },
  appImage: { artifactName: '${productName}-${version}-${arch}.AppImage' },
};
