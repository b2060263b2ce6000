export { ingestFile } from './ingest';
export { parseMapOptions, detectColumns, interactionFields, customerFields } from './fields';
export { presets } from './presets';
export { checkFormatOptions } from './formats';
export {
	IngestError,
	type IngestKind,
	type IngestOptions,
	type IngestReport,
	type PresetName,
	type DedupeMode,
	type IngestPhase,
	type PossibleDuplicate,
	type FileFormats
} from './types';
export { CELL_LIMIT_BYTES } from './cells';
export { MAX_LINE_BYTES } from './source';
