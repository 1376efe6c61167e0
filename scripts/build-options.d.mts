// Types for build-options.mjs, so TypeScript tests can import the exact options the build uses.
import type { BuildOptions } from 'esbuild';

export declare const commonOptions: BuildOptions;
export declare const ACTION_ENTRY: string;
export declare const ACTION_OUTFILE: string;
export declare function actionOptions(root: string): BuildOptions & { outfile: string };
