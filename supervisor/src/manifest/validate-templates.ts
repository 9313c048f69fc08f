// Semantic checks of `${...}` templates: every reference must name a known variable, a known
// service (`${hosts.<service>}`), or a port that its service declares.
import { didYouMean } from './did-you-mean.ts';
import { formatPath, serviceNamed, type ManifestProblem } from './problems.ts';
import type { BundleManifest, ServiceSpec } from './schema.ts';
import { parseTemplate, TEMPLATE_VARIABLES, type TemplatePart } from './templates.ts';

type Located = readonly [segments: readonly PropertyKey[], text: string];

/** Every templated string of a service with its path: command, env, cwd, platform overrides, exec probes. */
function templatedStrings(name: string, service: ServiceSpec): Located[] {
  const base = ['services', name] as const;
  const strings: Located[] = [];
  const argv = (segments: readonly PropertyKey[], command: readonly string[] | undefined): void =>
    command?.forEach((arg, index) => strings.push([[...segments, index], arg]));
  const env = (segments: readonly PropertyKey[], values: Readonly<Record<string, string>> | undefined): void =>
    Object.entries(values ?? {}).forEach(([key, value]) => strings.push([[...segments, key], value]));
  argv([...base, 'command'], service.command);
  env([...base, 'env'], service.env);
  if (service.cwd !== undefined) strings.push([[...base, 'cwd'], service.cwd]);
  for (const [os, override] of Object.entries(service.platforms ?? {})) {
    argv([...base, 'platforms', os, 'command'], override?.command);
    env([...base, 'platforms', os, 'env'], override?.env);
  }
  argv([...base, 'readiness', 'exec', 'command'], service.readiness?.exec?.command);
  argv([...base, 'liveness', 'exec', 'command'], service.liveness?.exec?.command);
  return strings;
}

function problemOf(manifest: BundleManifest, part: TemplatePart): string | undefined {
  // Service names are listed only for a message: listing them for every part made a 200-service
  // bundle's check quadratic (≈ 10 ms of every start).
  const services = () => Object.keys(manifest.services);
  switch (part.kind) {
    case 'text':
    case 'variable':
      return undefined;
    case 'host':
      return serviceNamed(manifest.services, part.service) === undefined ? `unknown service "${part.service}" in ${part.raw}${didYouMean(part.service, services())}` : undefined;
    case 'port': {
      const target = serviceNamed(manifest.services, part.service);
      if (target === undefined) return `unknown service "${part.service}" in ${part.raw}${didYouMean(part.service, services())}`;
      const ports = Object.keys(target.ports);
      if (ports.includes(part.port)) return undefined;
      const hint = ports.length === 0 ? ` (it declares no ports)` : didYouMean(part.port, ports);
      return `service "${part.service}" has no port "${part.port}" in ${part.raw}${hint}`;
    }
    case 'invalid': {
      if (part.reason === 'unterminated') return `unterminated template "${part.raw}": close it with "}" or write "$\${" for a literal "\${"`;
      if (part.expression.startsWith('secrets.')) return `secrets are never templated (${part.raw}): list the secret under this service's "secrets" as "env" or "file"`;
      const known = [
        ...TEMPLATE_VARIABLES,
        ...services().flatMap((service) => [`hosts.${service}`, ...Object.keys(manifest.services[service]?.ports ?? {}).map((port) => `ports.${service}.${port}`)]),
      ];
      const hint = didYouMean(part.expression, known, (name) => `"\${${name}}"`);
      return `unknown template ${part.raw}${hint || `: use \${ports.<service>.<port>}, \${hosts.<service>}, ${TEMPLATE_VARIABLES.map((name) => `\${${name}}`).join(', ')}`}`;
    }
  }
}

/** Problems with templates anywhere in the services. */
export function checkTemplates(manifest: BundleManifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  for (const [name, service] of Object.entries(manifest.services)) {
    for (const [segments, text] of templatedStrings(name, service)) {
      for (const part of parseTemplate(text)) {
        const message = problemOf(manifest, part);
        if (message !== undefined) problems.push({ path: formatPath(segments), message });
      }
    }
  }
  return problems;
}
