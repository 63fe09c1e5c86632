import { en, type Strings } from './en.ts';

/** The active language. Add a file with the same shape (`Strings`) to translate; pick it here. */
export const t: Strings = en;
export type { Strings };
