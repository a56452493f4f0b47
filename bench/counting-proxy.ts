import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** DynamoDB traffic one command causes, counted on the wire (the projector's writes included). */
interface Traffic {
  calls: number;
  writeUnits: number;
  readUnits: number;
  /** Calls by operation and table (`Query Events`): what a budget's reason is checked against. */
  byOperation: Record<string, number>;
}

/**
 * A counting proxy in front of the engine: every DynamoDB call the handlers make passes through it.
 * Write units are estimated per written item (1 per KB), read units per answer (1 per 4 KB), which is
 * how on-demand capacity is billed.
 */
export async function countingProxy(target: string) {
  const traffic: Traffic = { calls: 0, writeUnits: 0, readUnits: 0, byOperation: {} };
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      traffic.calls++;
      const parsed = JSON.parse(body.toString() || '{}');
      const tables = parsed.TableName ?? Object.keys(parsed.RequestItems ?? {}).join('+');
      const key = `${operation} ${tables}`;
      traffic.byOperation[key] = (traffic.byOperation[key] ?? 0) + 1;
      if (/Put|Update|Delete|BatchWrite/.test(operation)) {
        const items =
          operation === 'BatchWriteItem' ? Object.values(parsed.RequestItems ?? {}).flat().length : 1;
        traffic.writeUnits += Math.max(items, Math.ceil(body.length / 1024));
      }
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          const out: Buffer[] = [];
          answer.on('data', (c) => out.push(c));
          answer.on('end', () => {
            const text = Buffer.concat(out);
            if (/Get|Query|Scan/.test(operation))
              traffic.readUnits += Math.max(1, Math.ceil(text.length / 4096));
            res.writeHead(answer.statusCode ?? 500, answer.headers);
            res.end(text);
          });
        },
      );
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, traffic, close: () => new Promise((r) => server.close(r)) };
}
