// Reading a regulation's text: clause structure, numerals and the obligation finder.
export * from './finder';
export * from './lexicon';
export { structure, type Clause, type Structure } from './clauses';
export { normalize, originalSpan, type Normalized } from './normalize';
export { parseNumber, parseFraction } from './numerals';
export { resolveWho, type WhoFound } from './who';
export { vocabularyFrom } from './vocabulary';
