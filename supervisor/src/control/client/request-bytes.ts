// One control-API call whose reply is a file, not JSON (GET /report): the bytes and the file name
// the server suggests (Content-Disposition), or the same ControlClientError as a JSON call.
import { ControlClientError } from './client-error.ts';
import { readErrorReply, transportError } from './request-json.ts';
import { send, type Transport } from './transport.ts';

/** A file the API sent. */
export interface ReceivedFile {
  readonly fileName: string | null;
  readonly bytes: Uint8Array;
}

/** Sends `GET path` and returns the reply's bytes. */
export async function requestBytes(transport: Transport, method: string, path: string): Promise<ReceivedFile> {
  const what = `${method} ${path}`;
  const signal = transport.timeoutMs === undefined ? undefined : AbortSignal.timeout(transport.timeoutMs);
  let response: Response;
  let bytes: Uint8Array;
  try {
    response = await send(transport, path, { method, headers: { accept: 'application/octet-stream' }, ...(signal === undefined ? {} : { signal }) });
    if (!response.ok) throw await readErrorReply(what, response);
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (cause) {
    if (cause instanceof ControlClientError) throw cause;
    throw transportError(what, cause, signal);
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? null;
  return { fileName, bytes };
}
