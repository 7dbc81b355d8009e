/**
 * The self-tests' emulator works its answers out both ways, moto's own and the launcher's cheaper one
 * (support/target/moto_server.py, POSTURE_MOTO_CHECK_SERIALIZATION): attributes picked, XML documents
 * written, answers wrapped without Flask's contexts. The run reads the tally at its end.
 */
export const SERIALIZATION_CHECK_ENV = 'POSTURE_MOTO_CHECK_SERIALIZATION';

export interface SerializationTally {
  same: number;
  different: number;
  documents_same: number;
  documents_different: number;
  answers_same: number;
  answers_different: number;
  first_difference: string | null;
}

export async function readSerializationTally(endpoint: string): Promise<SerializationTally> {
  const answer = await fetch(`${endpoint}/moto-api/posture/serialization`);
  if (!answer.ok) throw new Error(`the emulator does not check its answers (HTTP ${answer.status}): was it started with ${SERIALIZATION_CHECK_ENV}=1?`);
  return (await answer.json()) as SerializationTally;
}

/** Passed when each kind was compared and none differed; not counted when no test used that emulator. */
export function serializationVerdict(tally: SerializationTally): { verdict: 'passed' | 'failed' | 'not compared'; line: string } {
  const different = tally.different + tally.documents_different + tally.answers_different;
  const counts = `${tally.same} attributes, ${tally.documents_same} XML documents and ${tally.answers_same} answers`;
  if (different > 0 || tally.first_difference) return { verdict: 'failed', line: `${different} differ from moto's own (${counts} agree), first: ${tally.first_difference}` };
  if (tally.same + tally.documents_same + tally.answers_same === 0) return { verdict: 'not compared', line: 'no test read answers from the shared emulator' };
  if (tally.same === 0 || tally.documents_same === 0 || tally.answers_same === 0) return { verdict: 'failed', line: `a kind of answer was never compared: ${counts}` };
  return { verdict: 'passed', line: `${counts} as moto's own` };
}
