// `berth schema`: prints the bundle.json JSON Schema (the same file editors use).
import type { Command } from 'commander';

/** Registers `berth schema`. */
export function registerSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of bundle.json')
    .action(async () => {
      process.stdout.write((await import('../../manifest/index.ts')).renderBundleJsonSchema());
    });
}
