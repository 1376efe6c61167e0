/**
 * A problem a parser met while reading a file. It lives in core, beside `Span`, because the parsers
 * report it and must know nothing of the model (the pipeline's ties run one way: parse → model).
 */
import type { Span } from './source.js';

/** A file the parsers could not read, or a document inside it. */
export interface ParseProblem {
  message: string;
  span: Span;
  /**
   * `warning` when the consuming program accepts the text anyway and only logs (systemd keeping the
   * backslash of an unknown escape, ignoring an invalid `Type=`); unset when it refuses or drops it.
   */
  severity?: 'warning';
}
