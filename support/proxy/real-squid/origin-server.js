// The origin the real-Squid scenario fetches through the proxy. Runs inside the proxy's network namespace:
// logs every request's headers as one JSON line, and answers with identifying headers of its own so the
// scenario can see whether Squid strips them from replies.
'use strict';
const http = require('node:http');
const [address, port] = process.argv.slice(2);
const server = http.createServer((request, response) => {
  process.stdout.write(JSON.stringify({ path: request.url, headers: request.headers }) + '\n');
  response.writeHead(200, { 'Content-Type': 'text/plain', Via: '1.1 origin.posture.test', 'X-Forwarded-For': '203.0.113.99' });
  response.end('served by the posture origin\n');
});
server.listen(Number(port), address, () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
