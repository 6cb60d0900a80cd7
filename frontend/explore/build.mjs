// Bundles src/ into ../../api/static/explore (explore.js, explore.css) with esbuild and copies the
// country outlines beside them; `make` runs it after `npm ci`. The .graphql files are bundled as text.
import { copyFileSync, mkdirSync } from "node:fs";
import * as esbuild from "esbuild";

const out = "../../api/static/explore";
mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: { explore: "src/main.js" },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "esm",
  target: ["es2022"],
  outdir: out,
  loader: { ".graphql": "text", ".png": "dataurl" },
  legalComments: "linked",
  logLevel: "warning",
});
copyFileSync("node_modules/world-atlas/countries-50m.json", `${out}/countries-50m.json`);
