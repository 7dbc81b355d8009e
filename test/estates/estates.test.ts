import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { drifts } from '../../support/estates/drifts';
import { allControlMetas, controlMeta } from '../../support/rules/registry';
import { testAccount, testEmulatorEndpoint } from '../helpers/emulator';
import type { CucumberOutcome } from '../../support/run/run-cucumber';
import { packDrifts, packProblems, undeclaredReads } from '../helpers/drift-packs';
import { auditDrifts, auditEstate, auditExam, describeFailures, emulatorGaps, failedScenarios } from '../helpers/estate-audit';

/** What the emulator cannot show is reported NOT VERIFIED on every estate — never passed. */
function assertGapsNotVerified(outcome: CucumberOutcome): void {
  for (const gap of emulatorGaps(outcome)) {
    assert.equal(gap.verdict, 'not-verified', `${gap.name} must be not verified on the emulator, never passed`);
  }
}

/**
 * The suite's honesty: every scenario passes on the reference estate, and each drift (reference plus one
 * break) makes exactly the controls it lists NON-COMPLIANT, each naming the drifted resource, and no
 * finding names anything else. Drifts that claim disjoint controls and touch disjoint resources share one
 * emulated account (a "pack"), several packs at once; each drift's handle reads are held against what it
 * declares, so a drift cannot touch another's resources unnoticed. Scenarios tagged @emulator-gap (facts
 * moto does not hold, such as the root user) are NOT VERIFIED everywhere.
 */
const CONCURRENCY = Number(process.env.POSTURE_DRIFT_CONCURRENCY ?? 4);
/** While working on one domain: POSTURE_DRIFT_FILTER=network runs only the drifts whose name contains it (a,b: either). */
const DRIFT_FILTER = process.env.POSTURE_DRIFT_FILTER?.split(',').filter(Boolean);
/** POSTURE_DRIFT_PACK=1 gives each drift an account of its own (to tell which drift of a pack misbehaves). */
const PACK_SIZE = Number(process.env.POSTURE_DRIFT_PACK ?? Number.POSITIVE_INFINITY);

describe('estates on the emulator', { concurrency: CONCURRENCY }, () => {
  test('@exam: every demonstration passes', async () => {
    const outcome = await auditExam(await testEmulatorEndpoint(), testAccount(99));
    assert.ok(outcome.scenarios.length > 0, 'no @exam scenario ran');
    assert.ok(outcome.scenarios.every((s) => s.tags.includes('@exam')), 'a posture scenario among the demonstrations');
    assert.deepEqual(failedScenarios(outcome), [], `demonstrations that did not pass:\n${describeFailures(outcome)}`);
  });

  test('reference: every posture scenario passes (emulator gaps: not verified)', async () => {
    // @exam scenarios build their own resources and read no estate: the test above runs them.
    const outcome = await auditEstate(await testEmulatorEndpoint(), 'reference', testAccount(0), { tags: 'not @exam' });
    assert.ok(outcome.scenarios.length > 0, 'no scenario ran');
    assert.deepEqual(failedScenarios(outcome), [], `scenarios that did not pass on reference:\n${describeFailures(outcome)}`);
    assert.ok(emulatorGaps(outcome).length > 0, 'the emulator-gap scenarios ran');
    assertGapsNotVerified(outcome);
    // One identity per control: every registered control is asserted by a scenario, every record is registered.
    const ids = outcome.scenarios.flatMap((s) => s.records.map((r) => r.control.id));
    const unasserted = allControlMetas().filter((meta) => !ids.some((id) => controlMeta(id) === meta));
    assert.deepEqual(unasserted.map((m) => m.id), [], 'controls without a scenario');
    assert.deepEqual(ids.filter((id) => !controlMeta(id)), [], 'records of controls the registry does not know');
  });

  const selected = drifts.filter((d) => !DRIFT_FILTER || DRIFT_FILTER.some((part) => d.name.includes(part)));
  packDrifts(selected, PACK_SIZE).forEach((pack, index) => {
    test(`drifts ${pack.map((d) => d.name).join(' + ')}: each fails exactly its controls`, async () => {
      // @exam scenarios build their own resources and do not read the estate: they run once, above.
      const { outcome, handles, reads } = await auditDrifts(await testEmulatorEndpoint(), pack.map((d) => d.name), testAccount(index + 1), { tags: 'not @exam' });
      assert.ok(outcome.scenarios.length > 0, 'no scenario ran');
      assert.deepEqual(undeclaredReads(pack, reads), [], 'drifts that touch resources they do not declare (the packing relies on it)');
      assert.deepEqual(packProblems(pack, outcome, handles), [], `outcome on ${pack.map((d) => d.name).join(' + ')}:\n${describeFailures(outcome)}`);
      assertGapsNotVerified(outcome);
    });
  });
});
