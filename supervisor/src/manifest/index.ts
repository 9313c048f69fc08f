// Public API of the manifest concern: other concerns import only this file.
export * from './schema.ts';
export { formatDurationMs, parseDurationMs } from './duration.ts';
export { loadManifest } from './load.ts';
export { findManifestProblems, manifestInvalidError, parseManifest, type LoadedManifest } from './parse.ts';
export { formatPath, formatProblems, type ManifestProblem, type ManifestProblems } from './problems.ts';
export { validateManifest } from './validate.ts';
export { bundleJsonSchema, JSON_SCHEMA_PATH, renderBundleJsonSchema } from './json-schema.ts';
export { expandTemplate, LOOPBACK_HOST, parseTemplate, TEMPLATE_VARIABLES, type TemplatePart, type TemplateValues, type TemplateVariable } from './templates.ts';
export { matchesLogPattern, parseLogPattern, type LogPattern } from './log-pattern.ts';
export { closestMatch, didYouMean } from './did-you-mean.ts';
