// A local HTTP server standing in for a third-party API (Telegram, Zalo, a webhook receiver): it
// records every request, body included, into `seen` and answers through `respond`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface RecordingServer {
  /** http://127.0.0.1:<port> */
  readonly base: string;
  close(): Promise<void>;
}

export async function startRecordingServer(
  seen: RecordedRequest[],
  respond: (request: RecordedRequest, res: http.ServerResponse, req: http.IncomingMessage) => void,
): Promise<RecordingServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(request);
      respond(request, res, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
