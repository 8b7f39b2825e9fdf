// Bundles src/main.ts and src/styles/app.css into the server's wwwroot/app/ with content-hashed
// names, then writes index.html pointing at them. The server answers the client's routes with that
// index.html (no-cache), so the hashed assets can be cached for good.
import { build } from "esbuild";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = process.env.CONFAB_WEB_OUT ?? join(here, "..", "src", "Confab.Server", "wwwroot", "app");
const publicPath = "/app";

await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });

const result = await build({
  entryPoints: { main: join(here, "src", "main.ts"), app: join(here, "src", "styles", "app.css") },
  outdir: outDir,
  entryNames: "[name]-[hash]",
  bundle: true,
  format: "esm",
  target: ["es2022"],
  minify: true,
  sourcemap: "linked",
  metafile: true,
  logLevel: "warning",
});

const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
const script = outputs.find((f) => f.startsWith("main-") && f.endsWith(".js"));
const style = outputs.find((f) => f.startsWith("app-") && f.endsWith(".css"));
if (!script || !style) {
  throw new Error(`esbuild did not produce main-*.js and app-*.css (got ${outputs.join(", ")})`);
}
const template = await readFile(join(here, "src", "index.html"), "utf8");
const html = template
  .replace("%STYLE%", `${publicPath}/${style}`)
  .replace("%SCRIPT%", `${publicPath}/${script}`);
await writeFile(join(outDir, "index.html"), html);
console.log(`web client: ${script}, ${style} -> ${outDir}`);
