// Public module of the environment concern: env files, what services inherit, required variables.
export { readEnvFile, readEnvFiles, type EnvFile } from './env-file.ts';
export { composeServiceEnv, isInherited, NEVER_INHERITED, SERVER_INHERITED, withoutNames, type ServiceEnvInput, type ServiceEnvironment } from './service-env.ts';
export { findMissingEnv, requireEnv } from './required-env.ts';
