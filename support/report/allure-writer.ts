import { copyFile, mkdirSync, writeFile } from 'node:fs';
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
 * The files are written by libuv's threads while the run goes on (their system calls were ~0.2 s of an
 * estate-L audit's main thread); the content is fixed when the result is handed over. `flushed()` (the
 * formatter's end) waits for every write and fails with the first error.
 */
export class StagedResultsWriter implements Writer {
  private created = false;
  /** The last write of each path: a second write of a file starts after the first ends. */
  private readonly writing = new Map<string, Promise<void>>();
  private failure: Error | undefined;

  constructor(private readonly resultsDir: string) {}

  writeAttachment(fileName: string, content: Buffer): void {
    this.write(this.path(fileName), (path, done) => writeFile(path, content, done));
  }

  writeAttachmentFromPath(fileName: string, from: string): void {
    this.write(this.path(fileName), (path, done) => copyFile(from, path, done));
  }

  writeEnvironmentInfo(info: EnvironmentInfo): void {
    const text = stringifyEnvInfo(info);
    this.write(this.path('environment.properties'), (path, done) => writeFile(path, text, 'utf-8', done));
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
    const text = JSON.stringify(data);
    this.write(this.path(name), (path, done) => writeFile(path, text, 'utf-8', done));
  }

  /** Every file handed over so far is written; the first write that failed rejects. */
  async flushed(): Promise<void> {
    await Promise.all(this.writing.values());
    if (this.failure) throw this.failure;
  }

  private write(path: string, start: (path: string, done: (error: Error | null) => void) => void): void {
    const after = this.writing.get(path) ?? Promise.resolve();
    const written = after.then(
      () =>
        new Promise<void>((resolve) =>
          start(path, (error) => {
            this.failure ??= error ?? undefined;
            resolve();
          }),
        ),
    );
    this.writing.set(path, written);
    void written.then(() => {
      if (this.writing.get(path) === written) this.writing.delete(path);
    });
  }
}
