// Lines from a pipe, one at a time, in bounded memory: a line longer than the limit is cut (the rest of it is read
// and dropped, so endless input without a line end still answers a question), and reading pauses while answers wait to be asked for, so endless input (/dev/zero, a log piped in
// by mistake) never fills the memory.
import { StringDecoder } from "node:string_decoder";
import type { Input } from "../context.js";

export interface Line {
  text: string;
  /** The line was longer than the limit and only its start is in `text`. */
  cut: boolean;
}

export interface LineSource {
  /** The next line, or undefined at the end of the input; `cancel` stops waiting, so a later line goes to the next call. */
  next(): { line: Promise<Line | undefined>; cancel(): void };
  close(): void;
}

/** Lines read ahead of the questions before reading pauses. */
const AHEAD = 64;

export function pipedLines(input: Input, maxChars: number): LineSource {
  const decoder = new StringDecoder("utf8");
  const queue: Line[] = [];
  const waiting: ((line: Line | undefined) => void)[] = [];
  let partial = "";
  let dropping = false;
  let ended = false;
  let paused = false;

  const push = (text: string, wasCut: boolean) => {
    const line = { text: text.endsWith("\r") ? text.slice(0, -1) : text, cut: wasCut };
    const w = waiting.shift();
    if (w) w(line);
    else queue.push(line);
  };
  // A line over the limit is handed on as soon as it reaches it (no one waits for its end); the rest of it is dropped.
  const take = (text: string) => {
    if (dropping) return;
    const room = maxChars - partial.length;
    if (text.length <= room) {
      partial += text;
      return;
    }
    push(partial + text.slice(0, room), true);
    partial = "";
    dropping = true;
  };
  const onData = (chunk: Buffer | string) => {
    const text = typeof chunk === "string" ? chunk : decoder.write(chunk);
    let pos = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", pos)) {
      take(text.slice(pos, nl));
      if (!dropping) push(partial, false);
      partial = "";
      dropping = false;
      pos = nl + 1;
    }
    take(text.slice(pos));
    if (queue.length >= AHEAD && !paused) {
      paused = true;
      input.pause();
    }
  };
  const onEnd = () => {
    if (ended) return;
    take(decoder.end());
    if (partial) push(partial, false);
    partial = "";
    ended = true;
    for (const w of waiting.splice(0)) w(undefined);
  };
  input.on("data", onData);
  input.on("end", onEnd);
  input.on("close", onEnd);
  input.on("error", onEnd);

  return {
    next() {
      const queued = queue.shift();
      if (paused && queue.length < AHEAD / 2) {
        paused = false;
        input.resume();
      }
      if (queued) return { line: Promise.resolve(queued), cancel: () => {} };
      if (ended) return { line: Promise.resolve(undefined), cancel: () => {} };
      let waiter: (line: Line | undefined) => void = () => {};
      const line = new Promise<Line | undefined>((resolve) => {
        waiter = resolve;
        waiting.push(resolve);
      });
      return {
        line,
        cancel: () => {
          const i = waiting.indexOf(waiter);
          if (i >= 0) waiting.splice(i, 1);
        },
      };
    },
    close() {
      input.off("data", onData);
      input.off("end", onEnd);
      input.off("close", onEnd);
      input.off("error", onEnd);
      input.pause();
      for (const w of waiting.splice(0)) w(undefined);
    },
  };
}
