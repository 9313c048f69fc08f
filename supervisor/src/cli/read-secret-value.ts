// Reads a secret value for `berth secrets set`: from a pipe or file as-is (one trailing newline
// dropped), or typed at a terminal with echo off. Never from argv.
import { BerthError } from '../errors.ts';

/** Reads all of a non-TTY stdin. */
async function readAll(stdin: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin as AsyncIterable<Buffer | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Reads one line from a TTY without echoing it (Backspace edits, Ctrl-C / Ctrl-D abort). */
function readHidden(stdin: NodeJS.ReadStream, prompt: string, stderr: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    stderr.write(prompt);
    let value = '';
    const finish = (error: Error | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      if (error === null) resolve(value);
      else reject(error);
    };
    const onData = (data: Buffer | string) => {
      for (const char of typeof data === 'string' ? data : data.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish(null);
        if (char === '\u0003' || char === '\u0004') return finish(new BerthError('BAD_REQUEST', 'Cancelled; no secret was stored.'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** The value for secret `name`; BAD_REQUEST (exit 2) when empty. */
export async function readSecretValue(name: string, stdin: NodeJS.ReadStream = process.stdin, stderr: NodeJS.WriteStream = process.stderr): Promise<string> {
  const value = stdin.isTTY === true ? await readHidden(stdin, `Value for ${name} (not shown): `, stderr) : await readAll(stdin);
  if (value === '') throw new BerthError('BAD_REQUEST', `No value for ${name} on stdin: pipe it in, e.g. "printf %s \\"$VALUE\\" | berth secrets set ${name}".`);
  return value;
}
