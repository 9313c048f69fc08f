// `berth secrets set NAME`: gives the running supervisor a prompted secret. The value comes from
// stdin (typed without echo at a terminal), never from argv; services waiting for it start.
import type { Command } from 'commander';
import { BerthError } from '../../errors.ts';
import { addClientOptions, printJson, printLine, runClientCommand } from '../client-command.ts';

/** What a secret name may be. */
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Registers `berth secrets set`. */
export function registerSecretsCommand(program: Command): void {
  const secrets = program.command('secrets').description('give the running supervisor the secrets it asks for');
  addClientOptions(secrets.command('set <name>').description('set a prompt secret; the value is read from stdin (no echo at a terminal)')).action(
    (name: string, options: unknown) =>
      runClientCommand(options, async (client, { json }) => {
        if (!SECRET_NAME.test(name)) throw new BerthError('SECRET_INVALID', `"${name}" is not a secret name (letters, digits and _).`);
        const value = await (await import('../read-secret-value.ts')).readSecretValue(name);
        const reply = await client.submitSecrets({ [name]: value });
        if (json === true) printJson(reply);
        else printLine(`Secret ${name} stored in the supervisor's memory; services waiting for it start now.`);
      }),
  );
}
