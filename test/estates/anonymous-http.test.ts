import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { anonymousGet } from '../../support/estates/exam/anonymous-http';

/** A stand-in fetch answering from a script: a status, or a thrown error (a reset connection). */
function scripted(answers: (number | Error)[]) {
  let calls = 0;
  const fake = (async () => {
    const answer = answers[Math.min(calls++, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    return new Response('', { status: answer });
  }) as unknown as typeof fetch;
  return { fake, calls: () => calls };
}

describe('anonymous HTTP requests of @exam scenarios: bounded retries', () => {
  const cases: { name: string; answers: (number | Error)[]; status?: number; calls: number; throws?: RegExp }[] = [
    { name: 'a plain answer is taken at once', answers: [403], status: 403, calls: 1 },
    { name: 'throttling then an answer', answers: [503, 429, 200], status: 200, calls: 3 },
    { name: 'a reset connection then an answer', answers: [new Error('ECONNRESET'), 403], status: 403, calls: 2 },
    { name: 'throttled on every attempt: the last answer stands', answers: [503], status: 503, calls: 5 },
    { name: 'no answer on every attempt: one clear error', answers: [new Error('ECONNRESET')], calls: 5, throws: /no answer after 5 attempts \(ECONNRESET\)/ },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const { fake, calls } = scripted(c.answers);
      if (c.throws) await assert.rejects(anonymousGet('http://127.0.0.1:1/x', { fetch: fake, delayMs: 1 }), c.throws);
      else assert.equal(await anonymousGet('http://127.0.0.1:1/x', { fetch: fake, delayMs: 1 }), c.status);
      assert.equal(calls(), c.calls);
    });
  }
});
