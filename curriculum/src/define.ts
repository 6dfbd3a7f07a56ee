import { LAB_FORMAT_VERSION, type CurriculumModule, type Lab } from '@lta/labs';

/** A curriculum lab as written in a module file: the module and format version are filled in. */
export type LabDraft = Omit<Lab, 'formatVersion' | 'module'>;

/** Builds a module whose labs all carry its id and the current format version. */
export function defineModule(id: string, title: string, summary: string, labs: LabDraft[]): CurriculumModule {
  return { id, title, summary, labs: labs.map((lab) => ({ formatVersion: LAB_FORMAT_VERSION, module: id, ...lab })) };
}
