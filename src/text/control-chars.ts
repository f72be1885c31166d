/**
 * Control characters in text meant for people. Names and messages come from remote parties and
 * input files; raw ESC, OSC, BEL, NUL, carriage returns or bidirectional overrides would let them
 * rewrite the terminal or hide text in a report. Each is shown as a visible `\xNN` / `\u{NNNN}`
 * escape instead; line feeds and tabs are kept.
 */
// C0 except tab and line feed, DEL, C1, and the Unicode bidirectional controls.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  const code = ch.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

export function escapeControlChars(text: string): string {
  return text.replace(CONTROL, visible);
}

/**
 * JSON text (as JSON.stringify writes it) with DEL, the C1 controls and the bidirectional controls
 * written as `\uXXXX` escapes. JSON.stringify escapes only C0 controls and leaves these raw; a
 * file viewer or terminal showing the JSON would act on them. The escaped text parses to the same
 * value. (Outside strings JSON text holds only ASCII, so every match is inside a string.)
 */
const JSON_RAW_CONTROL = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function escapeControlCharsInJson(json: string): string {
  return json.replace(JSON_RAW_CONTROL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `value` as indented JSON text ending in a line feed, no control character raw (see above). */
export function jsonOutput(value: unknown, replacer?: (this: unknown, key: string, value: unknown) => unknown): string {
  return `${escapeControlCharsInJson(JSON.stringify(value, replacer, 2))}\n`;
}

export function hasControlChars(text: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(text);
  CONTROL.lastIndex = 0;
  return found;
}
