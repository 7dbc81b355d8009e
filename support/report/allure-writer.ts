import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Globals, TestResult, TestResultContainer } from 'allure-js-commons';
import type { Category, EnvironmentInfo } from 'allure-js-commons/sdk';
import { stringifyEnvInfo, type Writer } from 'allure-js-commons/sdk/reporter';

/**
 * allure-js-commons' file writer without its per-file durability: it writes each of a run's ~340 result
 * files under a temporary name, fsyncs it, renames it and removes the temporary (a third of the
 * reporting time). The audit writes into a staged folder that replaces reports/ only once the run is
 * complete (support/report/staging.ts), so a crash leaves nothing half written either way. Same names
 * and contents as FileSystemWriter.
 */
export class StagedResultsWriter implements Writer {
  private created = false;

  constructor(private readonly resultsDir: string) {}

  writeAttachment(fileName: string, content: Buffer): void {
    writeFileSync(this.path(fileName), content);
  }

  writeAttachmentFromPath(fileName: string, from: string): void {
    copyFileSync(from, this.path(fileName));
  }

  writeEnvironmentInfo(info: EnvironmentInfo): void {
    writeFileSync(this.path('environment.properties'), stringifyEnvInfo(info));
  }

  writeCategoriesDefinitions(categories: Category[]): void {
    this.writeJson('categories.json', categories);
  }

  writeGroup(result: TestResultContainer): void {
    this.writeJson(`${result.uuid}-container.json`, result);
  }

  writeResult(result: TestResult): void {
    this.writeJson(`${result.uuid}-result.json`, result);
  }

  writeGlobals(fileName: string, info: Globals): void {
    this.writeJson(fileName, info);
  }

  private path(name: string): string {
    if (!this.created) mkdirSync(this.resultsDir, { recursive: true });
    this.created = true;
    return join(this.resultsDir, name);
  }

  private writeJson(name: string, data: unknown): void {
    writeFileSync(this.path(name), JSON.stringify(data), 'utf-8');
  }
}
