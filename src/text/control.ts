/** C0 and C1 control characters except tab and line breaks: what turns text into terminal commands. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
export const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Text with every control character but tab and line breaks removed, so it prints as text and nothing else. */
export function withoutControl(text: string): string {
  return text.replace(CONTROL_CHARS, "");
}

/** The first control character in text (other than tab and line breaks), to name it in a message. */
export function firstControl(text: string): string | undefined {
  CONTROL_CHARS.lastIndex = 0;
  const m = CONTROL_CHARS.exec(text);
  CONTROL_CHARS.lastIndex = 0;
  return m?.[0];
}

/** What someone typed, quoted for a message: control characters escaped (as JSON does) and cut after 40 characters,
 * so an odd or endless line cannot fill the screen or drive the terminal. */
export function quoted(text: string, max = 40): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
