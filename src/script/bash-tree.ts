/**
 * The tree-sitter side of shell-syntax.ts: plain classes in mvdan/sh's shape (`Stmt`, `CallExpr`,
 * `Word`, …) that bash-convert.ts builds from tree-sitter-bash's tree. Positions are UTF-16 offsets
 * of the text tree-sitter parsed.
 */
import type { ShNode, ShPos } from './shell-syntax.js';

export class Offset implements ShPos {
  constructor(private readonly at: number) {}
  Offset(): number {
    return this.at;
  }
}

export class Syn implements ShNode {
  constructor(
    readonly type: string,
    public start: number,
    public end: number,
  ) {}
  Pos(): ShPos {
    return new Offset(this.start);
  }
  End(): ShPos {
    return new Offset(this.end);
  }
}

export class Lit extends Syn {
  constructor(
    start: number,
    end: number,
    readonly Value: string,
  ) {
    super('Lit', start, end);
  }
}

export class Word extends Syn {
  constructor(
    start: number,
    end: number,
    readonly Parts: Syn[],
  ) {
    super('Word', start, end);
  }
}

export class SglQuoted extends Syn {
  constructor(
    start: number,
    end: number,
    readonly Dollar: boolean,
    readonly Value: string,
  ) {
    super('SglQuoted', start, end);
  }
}

export class DblQuoted extends Syn {
  constructor(
    start: number,
    end: number,
    readonly Dollar: boolean,
    readonly Parts: Syn[],
  ) {
    super('DblQuoted', start, end);
  }
}

export class ParamExp extends Syn {
  constructor(
    start: number,
    end: number,
    readonly Short: boolean,
    readonly Param: Lit | null,
    /** Any operator (`${X:-d}`, `${#X}`, `${X[0]}`, …): the value is not X's. */
    readonly Exp: boolean,
  ) {
    super('ParamExp', start, end);
  }
}

export class CmdSubst extends Syn {
  readonly Stmts: Stmt[] = [];
  constructor(start: number, end: number) {
    super('CmdSubst', start, end);
  }
}

export class Assign extends Syn {
  constructor(
    start: number,
    end: number,
    readonly Name: Lit | null,
    readonly Value: Word | null,
    readonly Naked: boolean,
    readonly Append: boolean,
    readonly Array: boolean,
  ) {
    super('Assign', start, end);
  }
  readonly Index = null;
}

export class Redirect extends Syn {
  constructor(
    start: number,
    end: number,
    readonly OpPos: ShPos,
    readonly Op: number,
    readonly N: Lit | null,
    readonly Word: Word | null,
    readonly Hdoc: Word | null,
  ) {
    super('Redirect', start, end);
  }
}

export class Stmt extends Syn {
  Cmd: Syn | null = null;
  readonly Redirs: Redirect[] = [];
  Negated = false;
  readonly Background = false;
  constructor(start: number, end: number) {
    super('Stmt', start, end);
  }
}

export class CallExpr extends Syn {
  readonly Assigns: Assign[] = [];
  readonly Args: Word[] = [];
  constructor(start: number, end: number) {
    super('CallExpr', start, end);
  }
}

export class BinaryCmd extends Syn {
  constructor(
    start: number,
    end: number,
    readonly Op: number,
    readonly X: Stmt,
    readonly Y: Stmt,
  ) {
    super('BinaryCmd', start, end);
  }
}

export class DeclClause extends Syn {
  readonly Args: Assign[] = [];
  constructor(
    start: number,
    end: number,
    readonly Variant: Lit | null,
  ) {
    super('DeclClause', start, end);
  }
}

export class WordIter extends Syn {
  constructor(
    start: number,
    end: number,
    readonly Name: Lit | null,
  ) {
    super('WordIter', start, end);
  }
}

export class File extends Syn {
  readonly Stmts: Stmt[] = [];
  constructor(start: number, end: number) {
    super('File', start, end);
  }
}

/** tree-sitter-bash's `_statement` subtypes (src/node-types.json of tree-sitter-bash 0.25). */
