// Types of the 读制度 methods as the handlers see them.
import type { ParsedInput } from '../../shared/api/contract';
export type { ExtractionOut } from '../../shared/api/extract';
export type ParsedInputExtract<M extends 'extract.read' | 'extract.apply' | 'extract.sources'> = ParsedInput<M>;
