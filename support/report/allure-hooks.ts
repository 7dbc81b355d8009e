import { Before } from '@cucumber/cucumber';
import { reportSection } from '../config/sections/report';
import type { PostureWorld } from '../world';
import { allureMetadata, allureRuntimeMessage, ALLURE_RUNTIME_MESSAGE } from './allure-metadata';

/**
 * Labels, links and parameters for the Allure report, sent as an allure-cucumberjs runtime message.
 * The name keeps allure-cucumberjs from listing this hook as a set-up fixture in every scenario.
 */
Before({ name: 'ALLURE_FIXTURE_IGNORE' }, async function (this: PostureWorld, { pickle, gherkinDocument }) {
  const run = this.run;
  const metadata = allureMetadata(
    {
      scenario: pickle.name,
      feature: gherkinDocument.feature?.name,
      uri: pickle.uri,
      tags: pickle.tags.map((t) => t.name),
      account: run.account.accountId,
      regions: run.regions,
    },
    run.config.report ?? reportSection.parse(undefined), // a config built in code may leave the section out
  );
  await this.attach(allureRuntimeMessage(metadata), ALLURE_RUNTIME_MESSAGE);
});
