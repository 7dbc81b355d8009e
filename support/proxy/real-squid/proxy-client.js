// One client request through the proxy, from inside a client network namespace. It sends an
// X-Forwarded-For and a Via of its own (a proxy in front) so the scenario sees whether Squid passes them.
'use strict';
const http = require('node:http');
const [url, proxyHost, proxyPort] = process.argv.slice(2);
const request = http.request(
  { host: proxyHost, port: Number(proxyPort), method: 'GET', path: url, headers: { Host: new URL(url).host, 'X-Forwarded-For': '192.0.2.200', Via: '1.1 client-side.posture.test' }, timeout: 6000 },
  (response) => {
    let body = '';
    response.on('data', (chunk) => (body += chunk));
    response.on('end', () => process.stdout.write(JSON.stringify({ status: response.statusCode, headers: response.headers, body: body.slice(0, 200) }) + '\n'));
  },
);
request.on('timeout', () => request.destroy(new Error('timed out')));
request.on('error', (error) => process.stdout.write(JSON.stringify({ error: error.message }) + '\n'));
request.end();
