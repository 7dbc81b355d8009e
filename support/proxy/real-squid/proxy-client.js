// The requests of one client, through the proxy, from inside the client's network namespace; all at once.
// The first is the main GET; it sends an X-Forwarded-For and a Via of its own (a proxy in front) so the
// scenario sees whether Squid passes them. Prints one JSON line: an answer per request, in order.
'use strict';
const http = require('node:http');
const [proxyHost, proxyPort, originHost, pathPrefix, requestsJson] = process.argv.slice(2);
const requests = JSON.parse(requestsJson);
const TIMEOUT_MS = 5000;

function send({ method, port }, index) {
  return new Promise((resolve) => {
    const target = `${originHost}:${port}`;
    const path = method === 'CONNECT' ? target : `http://${port === 80 ? originHost : target}${pathPrefix}${index === 0 ? '' : `-${index}`}`;
    const headers = { Host: port === 80 ? originHost : target, 'X-Forwarded-For': '192.0.2.200', Via: '1.1 client-side.posture.test' };
    const request = http.request({ host: proxyHost, port: Number(proxyPort), method, path, headers, timeout: TIMEOUT_MS });
    const done = (answer) => {
      resolve({ method, port, ...answer });
    };
    request.on('connect', (response, socket) => {
      socket.destroy();
      done({ status: response.statusCode, headers: response.headers });
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => done({ status: response.statusCode, headers: response.headers }));
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) => done({ error: error.message }));
    request.end();
  });
}

Promise.all(requests.map(send)).then((answers) => process.stdout.write(JSON.stringify(answers) + '\n'));
