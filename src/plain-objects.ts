/**
 * Plain objects as JSON and YAML documents hold them: the one test every reader uses before it
 * reads a document's keys.
 */

/** A plain object: not null, not a list. */
export const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `v` when it is a plain object, else an empty one: for reading a document whose shape is checked elsewhere. */
export const recordOf = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
