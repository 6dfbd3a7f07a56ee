import type { Json, Problems } from '../problems.js';
import { BASE_PACKAGES, catalogPackage, PACKAGE_CATALOG } from './package-catalog.js';
import type { MachineFinding, MachinePart } from './index.js';

/**
 * `machine.packages`: what is installed beyond the base system (each with the packages it depends on), and whether
 * `apt update` has already fetched the package lists (a fresh container has none: `apt install` then finds nothing).
 */
export interface PackagesDeclaration {
  /** Names from the simulated repository (`labs/src/machine/package-catalog.ts`), installed at the start. */
  installed?: string[];
  /** Whether the package lists are there at the start; default true. */
  updated?: boolean;
}

/** One installed package: its version, and whether apt installed it only as another's dependency. */
export interface InstalledPackage {
  name: string;
  version: string;
  auto: boolean;
  /**
   * Unpacked but not configured (`dpkg -l` shows `iU`): `dpkg -i` left it so because a dependency is missing, until
   * `apt --fix-broken install` brings it. It does not count as installed.
   */
  unpacked?: boolean;
}

/** The package database now (a snapshot's `machine.packages`); base packages are always installed and not listed. */
export interface PackagesState {
  updated: boolean;
  installed: InstalledPackage[];
  /** Removed but not purged: their configuration files remain (dpkg's `rc` state). */
  configRemains: string[];
}

export type PackageCheck =
  /** `package` is installed (base packages always are). */
  | { kind: 'package-installed'; package: string }
  /** `package` is not installed; with `purged`, its configuration files are gone too. */
  | { kind: 'package-absent'; package: string; purged?: boolean };

/** The packages a lab that declares none has, as this machine had before packages existed: `tree` and `jq`. */
export const DEFAULT_PACKAGES: PackagesDeclaration = { installed: ['tree', 'jq'] };

const MAX_PACKAGES = PACKAGE_CATALOG.length;

/** `names` with every dependency they pull in, each once, dependencies first; the named ones are not `auto`. */
export function withDependencies(names: readonly string[], have: (name: string) => boolean): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  const seen = new Set<string>();
  const visit = (name: string, auto: boolean) => {
    const pkg = catalogPackage(name);
    if (!pkg || seen.has(name) || have(name)) return;
    seen.add(name);
    for (const dependency of pkg.depends) visit(dependency, true);
    out.push({ name, version: pkg.version, auto });
  };
  for (const name of names) visit(name, false);
  // A package asked for by name is manual even when another named one pulled it in first.
  return out.map((entry) => (names.includes(entry.name) ? { ...entry, auto: false } : entry));
}

const isBase = (name: string) => BASE_PACKAGES.some((pkg) => pkg.name === name);

/** Whether `name` is installed on a machine in `state` (undefined: a lab that declares no packages). */
export function isInstalled(state: PackagesState | undefined, name: string): boolean {
  return (
    isBase(name) ||
    (state ?? (packagesPart.startingState(DEFAULT_PACKAGES) as PackagesState)).installed.some(
      (pkg) => pkg.name === name && !pkg.unpacked,
    )
  );
}

function packageName(value: unknown, at: string, problems: Problems): void {
  if (problems.text(value, at, 100) && !catalogPackage(value))
    problems.add(at, `no package "${value}" in the simulated repository`);
}

export const packagesPart: MachinePart = {
  key: 'packages',
  checkFields: {
    'package-installed': ['package'],
    'package-absent': ['package', 'purged'],
  },
  declarationProblems(declaration, at, problems) {
    if (!problems.object(declaration, at)) return;
    problems.known(declaration, at, ['installed', 'updated']);
    problems.optionalBoolean(declaration.updated, `${at}.updated`);
    if (
      declaration.installed !== undefined &&
      problems.array(declaration.installed, `${at}.installed`, 0, MAX_PACKAGES)
    ) {
      declaration.installed.forEach((name, i) => packageName(name, `${at}.installed[${i}]`, problems));
    }
  },
  checkProblems(check, at, problems) {
    packageName(check.package, `${at}.package`, problems);
    if (check.kind === 'package-absent') problems.optionalBoolean(check.purged, `${at}.purged`);
  },
  startingState(declaration): PackagesState {
    const { installed = [], updated = true } = declaration as PackagesDeclaration;
    return { updated, installed: withDependencies(installed, isBase), configRemains: [] };
  },
  stateProblem(state) {
    if (typeof state !== 'object' || state === null || Array.isArray(state)) return 'not an object';
    const { updated, installed, configRemains } = state as Json;
    if (typeof updated !== 'boolean') return 'updated: not true or false';
    if (!Array.isArray(installed) || installed.length > MAX_PACKAGES)
      return `installed: not a list of at most ${MAX_PACKAGES} packages`;
    for (const entry of installed as unknown[]) {
      const { name, version, auto, unpacked } = (entry ?? {}) as Json;
      if (
        typeof name !== 'string' ||
        !catalogPackage(name) ||
        typeof version !== 'string' ||
        version.length > 50 ||
        typeof auto !== 'boolean' ||
        (unpacked !== undefined && typeof unpacked !== 'boolean')
      ) {
        return 'installed: each package is { name, version, auto, unpacked? } of a package in the repository';
      }
    }
    if (
      !Array.isArray(configRemains) ||
      configRemains.length > MAX_PACKAGES ||
      configRemains.some((name) => typeof name !== 'string' || !catalogPackage(name))
    ) {
      return 'configRemains: not a list of packages in the repository';
    }
    return null;
  },
  evaluate(check, state): MachineFinding {
    const packages = (state ?? packagesPart.startingState(DEFAULT_PACKAGES)) as PackagesState;
    const name = check.package as string;
    const installed = isInstalled(packages, name);
    if (check.kind === 'package-installed') {
      const unpacked = packages.installed.some((pkg) => pkg.name === name && pkg.unpacked);
      return {
        holds: installed,
        saw: installed
          ? `${name} is installed`
          : unpacked
            ? `${name} is unpacked but not configured: a dependency is missing`
            : `${name} is not installed`,
      };
    }
    if (installed || packages.installed.some((pkg) => pkg.name === name))
      return { holds: false, saw: `${name} is still installed` };
    const remains = packages.configRemains.includes(name);
    if (check.purged && remains)
      return { holds: false, saw: `${name} is removed but its configuration files remain (not purged)` };
    return {
      holds: true,
      saw: remains ? `${name} is removed; its configuration files remain` : `${name} is not installed`,
    };
  },
};
