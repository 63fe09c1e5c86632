import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the install step keeps the migrated PGlite template (inside node_modules, so a reinstall renews it). */
export const PGLITE_TEMPLATE_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../node_modules/.cache/quipflip/pglite-template.tar');
