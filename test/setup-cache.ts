import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll} from 'vitest';

// Every test file, and every process it starts, gets a cache folder of its own: no test reads
// or writes the real ~/.cache, and none sees another file's databases.
const cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-cache-'));
process.env.XDG_CACHE_HOME = cacheHome;
afterAll(() => rmSync(cacheHome, {recursive: true, force: true}));
