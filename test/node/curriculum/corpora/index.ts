import { archives } from './archives.js';
import type { LabCorpus } from './corpus.js';
import { editors } from './editors.js';
import { environment } from './environment.js';
import { files } from './files.js';
import { finding } from './finding.js';
import { forensics } from './forensics.js';
import { git } from './git.js';
import { grep } from './grep.js';
import { links } from './links.js';
import { navigation } from './navigation.js';
import { packages } from './packages.js';
import { permissions } from './permissions.js';
import { processes } from './processes.js';
import { reading } from './reading.js';
import { redirection } from './redirection.js';
import { scripting } from './scripting.js';
import { services } from './services.js';
import { storage } from './storage.js';
import { text } from './text.js';
import { users } from './users.js';

/** Every lab's corpus by lab id, in curriculum order. Labs without one yet are absent. */
export const CORPORA: Record<string, LabCorpus> = {
  ...navigation,
  ...files,
  ...reading,
  ...finding,
  ...redirection,
  ...grep,
  ...permissions,
  ...links,
  ...text,
  ...archives,
  ...environment,
  ...scripting,
  ...editors,
  ...processes,
  ...users,
  ...packages,
  ...services,
  ...storage,
  ...git,
  ...forensics,
};
