/**
 * Every AWS call the emulator answered, by service and operation, whatever code made it (this tree or
 * another commit's): the bench's call counts do not depend on the audited code reporting its own calls.
 * The emulator counts them itself (support/target/moto_server.py, POSTURE_MOTO_COUNT_CALLS=1), so no
 * proxy sits between the audit and the emulator taking CPU from both.
 */
export const COUNT_CALLS_ENV = 'POSTURE_MOTO_COUNT_CALLS';

export interface CallCounts {
  /** Calls per "<service> <operation>", most first. */
  counts: Record<string, number>;
  /** Summed answer time per operation (ms): which reads the emulator spends its time on. */
  millis: Record<string, number>;
}

export class EmulatorCalls {
  private readonly url: string;

  constructor(endpoint: string) {
    this.url = `${endpoint}/moto-api/posture/calls`;
  }

  async reset(): Promise<void> {
    await this.request('DELETE');
  }

  async snapshot(): Promise<CallCounts> {
    const { counts, millis } = await this.request('GET');
    const byCount = Object.entries(counts).sort((a, b) => b[1] - a[1]);
    const byTime = Object.entries(millis).sort((a, b) => b[1] - a[1]);
    return { counts: Object.fromEntries(byCount), millis: Object.fromEntries(byTime) };
  }

  private async request(method: 'GET' | 'DELETE'): Promise<CallCounts> {
    const answer = await fetch(this.url, { method });
    if (!answer.ok) throw new Error(`the emulator does not count calls (HTTP ${answer.status} from ${this.url}): was it started with ${COUNT_CALLS_ENV}=1?`);
    return (await answer.json()) as CallCounts;
  }
}
