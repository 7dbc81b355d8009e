const ESP = require('error-stack-parser');
function time(label, msg) { const e = new Error('x'); e.stack = 'ComplianceAssertionError: ' + msg; const t = Date.now(); try { ESP.parse(e); } catch (x) {} console.log(label, msg.length, Date.now() - t); }
const q = (n) => ('  - arn:aws:s3:::b (account 1, us-east-1): squid.conf line "http_access allow "net-1" "net-2" ' + '"x" '.repeat(200)).slice(0, n);
time('1x240', q(240));
time('5x240', Array(5).fill(q(240)).join('\n'));
time('20x120', Array(20).fill(q(120)).join('\n'));
time('20x240 noquote', Array(20).fill(q(240).replace(/"/g, "'")).join('\n'));
time('20x240 dq->none', Array(20).fill(q(240).replace(/["']/g, '')).join('\n'));
time('1x480', q(480));
