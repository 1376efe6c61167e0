// The reference the issue measures against: yaml's one-document-at-a-time parse of the same file,
// with positions (LineCounter) and each document converted to JS, nothing kept.
import { readFileSync } from 'node:fs';
import { Composer, LineCounter, Parser } from 'yaml';

const file = process.argv[2];
const start = process.hrtime.bigint();
const text = readFileSync(file, 'utf8');
const lineCounter = new LineCounter();
const composer = new Composer();
let documents = 0;
const take = (doc) => {
  doc.toJS();
  documents++;
};
for (const token of new Parser(lineCounter.addNewLine).parse(text)) for (const doc of composer.next(token)) take(doc);
for (const doc of composer.end()) take(doc);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(JSON.stringify({ ms, documents, lines: lineCounter.lineStarts.length, maxRSS: process.resourceUsage().maxRSS * 1024 }) + '\n');
