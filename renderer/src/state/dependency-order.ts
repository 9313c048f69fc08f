// Orders services the way they start: by dependency level (roots first), keeping the supervisor's
// order within a level. Pure; unknown dependencies and cycles are tolerated (the supervisor
// refuses those before anything starts).
import type { ServiceStatus } from '../../../supervisor/src/control/contract.ts';

/** Services sorted by start-up level, each with its level (0 = no dependencies). */
export function orderByDependencies(services: readonly ServiceStatus[]): { service: ServiceStatus; level: number }[] {
  const byName = new Map(services.map((service) => [service.name, service]));
  const levels = new Map<string, number>();
  const visiting = new Set<string>();
  const levelOf = (name: string): number => {
    const known = levels.get(name);
    if (known !== undefined) return known;
    const service = byName.get(name);
    if (service === undefined || visiting.has(name)) return -1;
    visiting.add(name);
    const level = Math.max(-1, ...Object.keys(service.dependsOn).map(levelOf)) + 1;
    visiting.delete(name);
    levels.set(name, level);
    return level;
  };
  return services
    .map((service, index) => ({ service, level: levelOf(service.name), index }))
    .sort((a, b) => a.level - b.level || a.index - b.index)
    .map(({ service, level }) => ({ service, level }));
}
