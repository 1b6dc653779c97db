// A real nginx (Debian's package) in front of `serve` replicas, as the README's layout puts it: TLS
// ends at nginx, requests go round-robin to the replicas, the push channel passes unbuffered.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { freePort } from '../../helpers/free-port';

export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((file) => fs.existsSync(file)) ?? null;

export function nginxConfig(options: { dir: string; port: number; upstreams: number[]; certFile: string; keyFile: string }): string {
  const temp = (name: string) => path.join(options.dir, name);
  return `worker_processes 1;
daemon off;
pid ${temp('nginx.pid')};
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  upstream tessera {
${options.upstreams.map((port) => `    server 127.0.0.1:${port};`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${options.port} ssl;
    ssl_certificate ${options.certFile};
    ssl_certificate_key ${options.keyFile};
    location / {
      proxy_pass http://tessera;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_buffering off;
      proxy_read_timeout 1h;
    }
  }
}
`;
}

export interface RunningNginx {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startNginx(options: { dir: string; upstreams: number[]; certFile: string; keyFile: string }): Promise<RunningNginx> {
  if (!NGINX) throw new Error('nginx is not installed (Debian package "nginx"; npm test installs it).');
  fs.mkdirSync(options.dir, { recursive: true });
  const port = await freePort();
  const conf = path.join(options.dir, 'nginx.conf');
  fs.writeFileSync(conf, nginxConfig({ ...options, port }));
  const child = spawn(NGINX, ['-e', 'stderr', '-p', options.dir, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Up when it accepts connections.
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${stderr}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) break;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port} within 15 s: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `https://127.0.0.1:${port}/`,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGQUIT');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
