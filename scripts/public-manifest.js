// The custom-elements manifest as a page author should see it: no private or protected members, nothing
// whose name starts with `_`. Used by Storybook's docs and by the manifest check.

/** @param {any} manifest */
export function publicManifest(manifest) {
  const isPublic = (member) => !member.privacy || member.privacy === 'public';
  const visible = (member) => isPublic(member) && !member.name?.startsWith('_') && !member.name?.startsWith('#');
  return {
    ...manifest,
    modules: manifest.modules.map((module) => ({
      ...module,
      declarations: module.declarations?.map((declaration) => ({
        ...declaration,
        members: declaration.members?.filter(visible),
        attributes: declaration.attributes?.filter(visible),
      })),
    })),
  };
}
