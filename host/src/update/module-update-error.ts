/** Publishing a module whose changes SpacetimeDB would not migrate automatically. */
export class ModuleUpdateError extends Error {
  override name = 'ModuleUpdateError';

  constructor(
    readonly database: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Publishing this module to database ${database} needs a manual migration, so nothing was changed:\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\n(The data is kept as it was. Publishing with --clear deletes all of it and starts over.)',
    );
  }
}
