// Replaces every known secret value in captured text with `******` before it is stored or sent
// (log files, the log ring, /events, telemetry, run records). One RegExp, longest value first,
// rebuilt only when the set of values changes. Captured output stays bytes on its fast path:
// `occursIn` looks for each value's UTF-8 bytes with Buffer#indexOf, and only output that holds
// one is decoded and redacted as text.

/** What a redacted value is replaced with. */
export const REDACTED = '******';
/** Shorter values are not redacted (they would mangle ordinary text); prompts refuse them. */
export const MIN_REDACTED_LENGTH = 4;

/** Redacts known secret values from text. */
export class Redactor {
  private readonly values = new Set<string>();
  private pattern: RegExp | null = null;
  /** The values as UTF-8 bytes, for occursIn; null = some value holds U+FFFD (always decode). */
  private encoded: Buffer[] | null = [];

  /**
   * Adds values, with the forms a program is likely to print them in: each line of a multi-line
   * value (output is redacted line by line), JSON-escaped and percent-encoded.
   */
  add(values: Iterable<string>): void {
    let changed = false;
    for (const value of values) {
      for (const candidate of [value, ...value.split(/\r?\n/), JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) {
        if (candidate.length < MIN_REDACTED_LENGTH || this.values.has(candidate)) continue;
        this.values.add(candidate);
        changed = true;
      }
    }
    if (changed) this.rebuild();
  }

  /** `text` with every known value replaced by `******`. */
  redact(text: string): string {
    return this.pattern === null ? text : text.replace(this.pattern, REDACTED);
  }

  /**
   * True when `bytes` may hold a known value (then redact their decoded text). Exact for valid
   * UTF-8 without "\r", the only bytes captured output keeps undecoded.
   */
  occursIn(bytes: Uint8Array): boolean {
    if (this.encoded === null) return true;
    for (const value of this.encoded) if (Buffer.prototype.indexOf.call(bytes, value) !== -1) return true;
    return false;
  }

  /**
   * How many bytes at the end of `piece` could be the start of a known value (0 = none). A line
   * too long to keep whole is cut into pieces: cutting before such a tail keeps a value that
   * straddles the cut whole in the next piece, where it is redacted.
   */
  heldTail(piece: Uint8Array): number {
    let held = 0;
    for (const value of this.encodedValues()) {
      for (let length = Math.min(value.length - 1, piece.length); length > held; length -= 1) {
        if (Buffer.prototype.equals.call(value.subarray(0, length), piece.subarray(piece.length - length))) {
          held = length;
          break;
        }
      }
    }
    return held;
  }

  /** How many distinct strings are redacted (tests, diagnostics). */
  get size(): number {
    return this.values.size;
  }

  private encodedValues(): Buffer[] {
    return this.encoded ?? [...this.values].map((value) => Buffer.from(value));
  }

  private rebuild(): void {
    const sorted = [...this.values].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.pattern = sorted.length === 0 ? null : new RegExp(sorted.join('|'), 'g');
    // A decoder makes U+FFFD out of invalid bytes: such a value cannot be looked for as bytes.
    this.encoded = [...this.values].some((value) => value.includes('\uFFFD')) ? null : [...this.values].map((value) => Buffer.from(value));
  }
}

/** Escapes RegExp metacharacters. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
