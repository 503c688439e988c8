/** Types for size.mjs, so TypeScript callers (bench/size-budget.test.ts) can import it. */
export interface FileSize {
  name: string;
  raw: number;
  gzip: number;
  brotli: number;
}
export interface Group {
  files: FileSize[];
  total: { raw: number; gzip: number; brotli: number };
}
export declare const BUDGET_GZIP: number;
export declare const WIDGET_DIST: URL;
export declare function widgetSizes(dist?: URL): { pageLoad: Group; onOpen: Group; unused: string[]; budget: number };
