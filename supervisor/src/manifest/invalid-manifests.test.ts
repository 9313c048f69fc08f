import { describe, expect, it } from 'vitest';
import { isBerthError } from '../errors.ts';
import { parseManifest } from './index.ts';
import { INVALID_MANIFEST_CASES as cases } from './invalid-manifest-cases.ts';
import { editedExample } from './test-helpers.ts';

/** The "path: message" lines of the MANIFEST_INVALID error thrown for `text`. */
function problemLines(text: string): readonly string[] {
  try {
    parseManifest(text, '/bundles/notes/bundle.json');
  } catch (error) {
    if (isBerthError(error, 'MANIFEST_INVALID')) return error.details;
    throw error;
  }
  throw new Error('expected the manifest to be refused');
}

describe('invalid manifests', () => {
  it.each(cases)('%s', (_label, edits, expected) => {
    const lines = problemLines(editedExample(edits));
    expect(lines.find((line) => line.startsWith(expected)), `lines were:\n${lines.join('\n')}`).toBeDefined();
  });

  it('has 30+ cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });
});
