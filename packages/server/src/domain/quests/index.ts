export * from './catalogue.ts';
export * from './progress.ts';
