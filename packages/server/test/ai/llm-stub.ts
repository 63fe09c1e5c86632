import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OpenAI-compatible chat-completions stub on 127.0.0.1 for the LLM provider tests. Modes:
 * - `well`: answers with `reply(userMessage)` as the assistant message,
 * - `garbage`: 200 with a body that is not a chat completion (or content that is no valid phrase),
 * - `hang`: accepts the request and never answers,
 * - `error`: 500.
 */
export type StubMode = 'well' | 'garbage' | 'garbage-content' | 'hang' | 'error';

export interface LlmStub {
  url: string;
  mode: StubMode;
  requests: Array<{ path: string; authorization: string | undefined; body: any }>;
  reply: (user: string) => string;
  close(): Promise<void>;
}

export async function startLlmStub(mode: StubMode, reply: (user: string) => string = () => 'PIZZA PARTY'): Promise<LlmStub> {
  const hanging: ServerResponse[] = [];
  const stub: LlmStub = {
    url: '',
    mode,
    requests: [],
    reply,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      let body: any = null;
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
      stub.requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
      const user = Array.isArray(body?.messages) ? String(body.messages.at(-1)?.content ?? '') : '';
      switch (stub.mode) {
        case 'hang':
          hanging.push(res);
          return;
        case 'error':
          res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"boom"}}');
          return;
        case 'garbage':
          res.writeHead(200, { 'content-type': 'text/plain' }).end('<<<not json at all>>>');
          return;
        case 'garbage-content':
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: '!!! 12345 ???\n#@$%^' } }] }));
          return;
        case 'well':
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ id: 'stub', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: stub.reply(user) }, finish_reason: 'stop' }] }));
          return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return stub;
}
