// Builds the dispatcher page into the directory given as the only argument (Maven passes
// target/classes/dispatch, so the gateway serves it from the classpath at /dispatch/).
// Plain Node 20, no bundler: the page is three hand-written files beside Leaflet's own build and
// an outline of Indonesia cut out of world-atlas at build time. Nothing is fetched at run time
// (no tile server, no CDN): the dispatchers' browsers reach only the gateway.
import { copyFile, cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
// topojson-client ships a UMD build as its main (no ESM exports map), so require() it
const topojson = require('topojson-client');

const INDONESIA = '360'; // ISO 3166-1 numeric, the id world-atlas gives each country
const DECIMALS = 3;      // ~100 m: far finer than the 1:50m outline itself, and a third of the bytes

const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs OUTPUT_DIR');
  process.exit(2);
}
const outDir = resolve(out);

// Starts from an empty directory so that a file dropped from src/ does not linger in the jar.
await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });

for (const name of ['index.html', 'app.js', 'style.css']) {
  await copyFile(join(here, 'src', name), join(outDir, name));
}

const leafletDist = dirname(require.resolve('leaflet/dist/leaflet.js'));
for (const name of ['leaflet.js', 'leaflet.js.map', 'leaflet.css']) {
  await copyFile(join(leafletDist, name), join(outDir, name));
}
await cp(join(leafletDist, 'images'), join(outDir, 'images'), { recursive: true });

const topology = JSON.parse(await readFile(require.resolve('world-atlas/countries-50m.json'), 'utf8'));
const geometry = topology.objects.countries.geometries.find((g) => String(g.id) === INDONESIA);
if (!geometry) {
  throw new Error(`world-atlas countries-50m.json has no country with id ${INDONESIA}`);
}
// feature() of Indonesia's geometry alone: the neighbours (Malaysia, Timor-Leste, Papua New Guinea)
// stay out, though they share arcs with it.
const indonesia = topojson.feature(topology, geometry);
indonesia.properties = { ...indonesia.properties, iso_n3: INDONESIA, source: 'Natural Earth 1:50m via world-atlas' };
const round = (v) => Number(v.toFixed(DECIMALS));
const roundCoords = (c) => (typeof c[0] === 'number' ? c.map(round) : c.map(roundCoords));
indonesia.geometry.coordinates = roundCoords(indonesia.geometry.coordinates);
const collection = { type: 'FeatureCollection', features: [indonesia] };
await writeFile(join(outDir, 'indonesia.geojson'), JSON.stringify(collection));

const { size } = await stat(join(outDir, 'indonesia.geojson'));
console.log(`dispatch page: ${outDir} (indonesia.geojson ${(size / 1024).toFixed(0)} KiB, ` +
  `${indonesia.geometry.coordinates.length} polygons)`);
