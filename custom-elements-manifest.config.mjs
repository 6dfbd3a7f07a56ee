// The custom-elements manifest, read from the elements' JSDoc (@fires, @csspart, @cssprop, @slot).

/**
 * Our elements declare their reactive properties in `static properties`; the analyzer's Lit support makes every
 * entry there an attribute unless it says `attribute: false`, but `state: true` (internal state) has none either,
 * and lists it as a member even when its field is `@internal`.
 */
function stateIsNoAttribute() {
  return {
    name: 'lta-state-is-no-attribute',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const declaration = moduleDoc.declarations?.find((candidate) => candidate.name === node.name.text);
      const properties = node.members.find(
        (member) =>
          ts.isPropertyDeclaration(member) &&
          member.name.getText() === 'properties' &&
          member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword),
      )?.initializer;
      if (!declaration || !properties || !ts.isObjectLiteralExpression(properties)) return;
      for (const property of properties.properties) {
        const options = ts.isPropertyAssignment(property) ? property.initializer : undefined;
        const isState =
          options &&
          ts.isObjectLiteralExpression(options) &&
          options.properties.some(
            (option) =>
              ts.isPropertyAssignment(option) &&
              option.name.getText() === 'state' &&
              option.initializer.kind === ts.SyntaxKind.TrueKeyword,
          );
        if (!isState) continue;
        const name = property.name.getText();
        declaration.attributes = declaration.attributes?.filter((attribute) => attribute.fieldName !== name);
        const member = declaration.members?.find((candidate) => candidate.name === name);
        if (member) delete member.attribute;
        // The analyzer leaves out an `@internal` field, but then adds it back from `static properties`.
        const field = node.members.find(
          (candidate) => ts.isPropertyDeclaration(candidate) && candidate.name.getText() === name,
        );
        if (field && ts.getJSDocTags(field).some((tag) => tag.tagName.text === 'internal')) {
          declaration.members = declaration.members?.filter((candidate) => candidate !== member);
        }
      }
    },
  };
}

export default {
  globs: ['src/components/**/*.ts', 'src/internal/lta-element.ts', 'src/connection/academy-element.ts'],
  exclude: ['**/*.test.ts', '**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [stateIsNoAttribute()],
};
