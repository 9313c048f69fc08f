// Public module of the secrets concern.
export { PROMPT_ENV_PREFIX, SecretStore, type SecretChangeListener, type SecretStoreOptions } from './secret-store.ts';
export { MIN_REDACTED_LENGTH, REDACTED, Redactor } from './redactor.ts';
export { runSecretsDir, secretsDir } from './secret-files.ts';
