// Types of build-node.mjs for the TypeScript that imports it (the benchmark of `ledger help`).
export declare const OUT: string;
export declare function nodeBuildStale(): boolean;
export declare function buildNode(options?: { quiet?: boolean }): Promise<void>;
