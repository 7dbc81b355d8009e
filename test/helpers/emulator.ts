import { after } from 'node:test';
import { startEmulator } from '../../support/target/emulator';

/**
 * One emulator per `npm test`: test/run.ts starts it and passes its endpoint down. A test file run on
 * its own starts its own.
 */
let own: Promise<string> | undefined;

export function testEmulatorEndpoint(): Promise<string> {
  const shared = process.env.POSTURE_TEST_ENDPOINT;
  if (shared) return Promise.resolve(shared);
  own ??= startEmulator().then((emulator) => {
    after(() => emulator.stop());
    return emulator.endpoint;
  });
  return own;
}

/** A fresh 12-digit emulated account per estate; moto keeps accounts apart. */
export function testAccount(index: number): string {
  const salt = Number(process.env.POSTURE_TEST_ACCOUNT_SALT ?? process.pid % 1000);
  return String(200_000_000_000 + salt * 10_000 + index).padStart(12, '0');
}
