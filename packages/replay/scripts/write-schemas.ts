// Regenerates packages/replay/schema/*.schema.json from the code (run after changing META_FIELDS
// or core's registry): node packages/replay/scripts/write-schemas.ts
import { writeFileSync } from 'node:fs';
import { recordingMetaSchema, recordingRowSchema } from '../src/recording/schemas.ts';

const dir = new URL('../schema/', import.meta.url);
writeFileSync(new URL('recording-meta.schema.json', dir), `${JSON.stringify(recordingMetaSchema(), null, 2)}\n`);
writeFileSync(new URL('recording-row.schema.json', dir), `${JSON.stringify(recordingRowSchema(), null, 2)}\n`);
