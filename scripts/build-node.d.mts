// Types of build-node.mjs for the TypeScript that imports it (the benchmarks of `ledger help` and of import).
export declare const OUT: string;
export declare function nodeBuildStale(): boolean;
export declare function buildNode(options?: { quiet?: boolean }): Promise<void>;
/** esbuild options the Node doors are bundled with (entry points and outdir aside). */
export declare const NODE_BUNDLE: Record<string, unknown>;
