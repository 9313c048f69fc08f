// Generates every icon electron-builder and the tray need, from code (no binary sources to keep in
// sync): build/icon.png (1024), build/icons/<n>x<n>.png (Linux), build/icon.ico (Windows),
// build/icon.icns (macOS), build/tray/tray-<state>[Template][@2x].png. Run: node build/generate-icons.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];
/** Colour of the point (u, v) in [0, 1)², or null for transparent. */
type Shader = (u: number, v: number) => Rgba | null;

const here = fileURLToPath(new URL('.', import.meta.url));

/** Encodes RGBA pixels as a PNG. */
function encodePng(size: number, pixels: Uint8Array): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    raw.set(pixels.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Renders a shader with 4×4 supersampling (anti-aliased edges). */
function render(size: number, shader: Shader): Buffer {
  const pixels = new Uint8Array(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const colour = shader((x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size);
          if (!colour) continue;
          const alpha = colour[3] / 255;
          r += colour[0] * alpha; g += colour[1] * alpha; b += colour[2] * alpha; a += alpha;
        }
      }
      const i = (y * size + x) * 4;
      if (a > 0) {
        pixels[i] = Math.round(r / a); pixels[i + 1] = Math.round(g / a); pixels[i + 2] = Math.round(b / a);
      }
      pixels[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return encodePng(size, pixels);
}

const inRoundedRect = (u: number, v: number, x0: number, y0: number, x1: number, y1: number, r: number) => {
  const cx = Math.min(Math.max(u, x0 + r), x1 - r);
  const cy = Math.min(Math.max(v, y0 + r), y1 - r);
  return u >= x0 && u <= x1 && v >= y0 && v <= y1 && (u - cx) ** 2 + (v - cy) ** 2 <= r * r;
};

/** The app icon: a blue rounded square with three stacked service bars, each with a status light. */
const appIcon: Shader = (u, v) => {
  if (!inRoundedRect(u, v, 0.06, 0.06, 0.94, 0.94, 0.2)) return null;
  for (const [i, top] of [0.26, 0.445, 0.63].entries()) {
    const bottom = top + 0.12;
    if (inRoundedRect(u, v, 0.2, top, 0.8, bottom, 0.06)) {
      const light = (u - 0.29) ** 2 + (v - (top + 0.06)) ** 2 <= 0.035 ** 2;
      if (light) return i === 2 ? [245, 158, 11, 255] : [34, 197, 94, 255];
      return [248, 250, 252, 255];
    }
  }
  const t = v;
  return [Math.round(30 + 7 * t), Math.round(58 + 41 * t), Math.round(138 + 97 * t), 255];
};

const TRAY_COLOURS = { starting: [245, 158, 11, 255], ready: [22, 163, 74, 255], degraded: [234, 88, 12, 255], failed: [220, 38, 38, 255] } as const;
type TrayState = keyof typeof TRAY_COLOURS;

/** A coloured status dot with a dark rim (Windows, Linux). */
const trayColour = (state: TrayState): Shader => (u, v) => {
  const d = Math.hypot(u - 0.5, v - 0.5);
  if (d > 0.44) return null;
  return d > 0.36 ? [17, 24, 39, 255] : TRAY_COLOURS[state];
};

/** Monochrome template shapes (macOS tints them): ring, disc, half disc, disc with a bar. */
const trayTemplate = (state: TrayState): Shader => (u, v) => {
  const d = Math.hypot(u - 0.5, v - 0.5);
  if (d > 0.44) return null;
  const black: Rgba = [0, 0, 0, 255];
  const ring = d > 0.32;
  switch (state) {
    case 'starting': return ring ? black : null;
    case 'ready': return black;
    case 'degraded': return ring || u < 0.5 ? black : null;
    case 'failed': return !ring && Math.abs(v - 0.5) < 0.08 ? null : black;
  }
};

/** Wraps PNGs into an ICO (PNG-compressed entries, Vista+). */
function encodeIco(images: ReadonlyArray<readonly [number, Buffer]>): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); header.writeUInt16LE(1, 2); header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(([size, png], i) => {
    const at = 6 + i * 16;
    header[at] = size >= 256 ? 0 : size; header[at + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, at + 4); header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(png.length, at + 8); header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(([, png]) => png)]);
}

/** Wraps PNGs into an ICNS (types ic07–ic10, icp4, icp5 hold PNG data). */
function encodeIcns(images: ReadonlyArray<readonly [string, Buffer]>): Buffer {
  const entries = images.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii'); head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(entries);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii'); head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

const sizes = [16, 32, 48, 64, 128, 256, 512, 1024];
const pngs = new Map(sizes.map((size) => [size, render(size, appIcon)] as const));
const png = (size: number) => pngs.get(size) ?? render(size, appIcon);
mkdirSync(`${here}icons`, { recursive: true });
mkdirSync(`${here}tray`, { recursive: true });
writeFileSync(`${here}icon.png`, png(1024));
for (const size of sizes.filter((s) => s <= 512)) writeFileSync(`${here}icons/${size}x${size}.png`, png(size));
writeFileSync(`${here}icon.ico`, encodeIco([16, 32, 48, 64, 128, 256].map((s) => [s, png(s)] as const)));
writeFileSync(`${here}icon.icns`, encodeIcns([['icp4', png(16)], ['icp5', png(32)], ['ic07', png(128)], ['ic08', png(256)], ['ic09', png(512)], ['ic10', png(1024)]]));
for (const state of Object.keys(TRAY_COLOURS) as TrayState[]) {
  writeFileSync(`${here}tray/tray-${state}.png`, render(16, trayColour(state)));
  writeFileSync(`${here}tray/tray-${state}@2x.png`, render(32, trayColour(state)));
  writeFileSync(`${here}tray/tray-${state}Template.png`, render(16, trayTemplate(state)));
  writeFileSync(`${here}tray/tray-${state}Template@2x.png`, render(32, trayTemplate(state)));
}
console.log('icons written to build/');
