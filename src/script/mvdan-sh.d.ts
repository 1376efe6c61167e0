/**
 * mvdan-sh ships no types (its DefinitelyTyped package would be a second dependency). The module is
 * typed as unknown here and given a narrow, checked shape in mvdan-parser.ts, the only importer.
 */
declare module 'mvdan-sh' {
  const sh: unknown;
  export default sh;
}
