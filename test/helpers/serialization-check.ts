/**
 * The self-tests' emulator picks attributes of its answers both ways, moto's own and the launcher's
 * remembered one (support/target/moto_server.py, _check_serialization); the run reads the tally at its end.
 */
export const SERIALIZATION_CHECK_ENV = 'POSTURE_MOTO_CHECK_SERIALIZATION';

export interface SerializationTally {
  same: number;
  different: number;
  first_difference: string | null;
}

export async function readSerializationTally(endpoint: string): Promise<SerializationTally> {
  const answer = await fetch(`${endpoint}/moto-api/posture/serialization`);
  if (!answer.ok) throw new Error(`the emulator does not check its answers (HTTP ${answer.status}): was it started with ${SERIALIZATION_CHECK_ENV}=1?`);
  return (await answer.json()) as SerializationTally;
}

/** Passed when attributes were compared and none differed; not counted when no test used that emulator. */
export function serializationVerdict(tally: SerializationTally): { verdict: 'passed' | 'failed' | 'not compared'; line: string } {
  if (tally.different > 0 || tally.first_difference) return { verdict: 'failed', line: `${tally.different} attributes differ from moto's own answer, first: ${tally.first_difference}` };
  if (tally.same === 0) return { verdict: 'not compared', line: 'no test read answers from the shared emulator' };
  return { verdict: 'passed', line: `${tally.same} attributes as moto's own answer` };
}
