import { Parser, Language } from 'web-tree-sitter';
import { createRequire } from 'node:module';
const req = createRequire(process.cwd() + '/package.json');
await Parser.init();
const lang = await Language.load(req.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
const p = new Parser(); p.setLanguage(lang);
for (const src of process.argv.slice(2)) {
  const t = p.parse(src);
  console.log(JSON.stringify(src), t.rootNode.hasError, t.rootNode.toString());
}
