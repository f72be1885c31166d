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

export function hasControlChars(text: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(text);
  CONTROL.lastIndex = 0;
  return found;
}
