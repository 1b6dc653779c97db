// A push channel (/api/events) held open by a test the way a page holds it: the status it got, the
// events it has received, and whether the server ended it.
import http from 'node:http';
import https from 'node:https';
import { eventStreamParser } from '../../../shared/api/event-stream-parser';

export interface OpenEventStream {
  status: number;
  body: string;
  events: { type: string; at?: string; scopes?: string[] }[];
  ended: Promise<void>;
  isEnded(): boolean;
  close(): void;
}

export function openEventStream(baseUrl: string, token: string | null, ca?: Buffer): Promise<OpenEventStream> {
  const url = new URL('api/events', baseUrl);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, { headers: token ? { Authorization: `Bearer ${token}` } : {}, ...(ca ? { ca } : {}), agent: false }, (response) => {
      let ended = false;
      const stream: OpenEventStream = {
        status: response.statusCode ?? 0,
        body: '',
        events: [],
        ended: new Promise((done) => {
          response.on('end', () => {
            ended = true;
            done();
          });
          response.on('close', () => {
            ended = true;
            done();
          });
        }),
        isEnded: () => ended,
        close: () => request.destroy(),
      };
      response.setEncoding('utf8');
      const parse = eventStreamParser((data) => stream.events.push(JSON.parse(data) as OpenEventStream['events'][number]));
      response.on('data', (chunk: string) => {
        stream.body += chunk;
        parse(chunk);
      });
      response.on('error', () => undefined);
      // The answer's headers are in: a refused stream (401, 429) has its whole body soon after.
      resolve(stream);
    });
    request.on('error', reject);
    request.end();
  });
}
