import { parseLab, validateLab, type Lab } from '@lta/labs';

/**
 * Where a lab came from: the built-in catalog or the academy's published labs (both earn XP when connected), or
 * the page's author (practice).
 */
export type LabOrigin = 'catalog' | 'published' | 'inline' | 'url' | 'property';

/** The catalog lab after this one, offered when the lab is complete. */
export interface NextLab {
  id: string;
  title: string;
}

export type LoadedLab =
  | {
      ok: true;
      lab: Lab;
      origin: LabOrigin;
      next?: NextLab;
      /** The labs of the module before, which unlock this one. */ unlockedBy?: NextLab[];
    }
  | { ok: false; problems: string[] };

/** Everything the element may have been given to find its lab, most specific first. */
export interface LabRequest {
  /** A lab object set through the `labDefinition` property. */
  definition?: unknown;
  /** The text of a `<script type="application/json">` child. */
  inlineJson?: string;
  /** The `lab-src` URL. */
  src?: string;
  /** The `lab` attribute: an id in the built-in catalog, or of a lab published on the academy. */
  id?: string;
  /** Looks a lab id up among the labs authors published on the academy (when the page has one). */
  published?: (id: string) => Promise<string | undefined>;
}

/**
 * Finds and validates the lab: the property, then an inline JSON child, then `lab-src`, then the catalog id.
 * Never throws: every failure (bad JSON, a 404, an unknown id, each schema problem) comes back as `problems`.
 */
export async function loadLab(request: LabRequest, fetchImpl: typeof fetch = fetch): Promise<LoadedLab | undefined> {
  if (request.definition !== undefined) return withOrigin(validateLab(request.definition), 'property');
  if (request.inlineJson !== undefined) return withOrigin(parseLab(request.inlineJson), 'inline');
  if (request.src) {
    try {
      const response = await fetchImpl(request.src);
      if (!response.ok)
        return {
          ok: false,
          problems: [`lab-src: ${request.src} answered ${response.status} ${response.statusText}`.trim()],
        };
      return withOrigin(parseLab(await response.text()), 'url');
    } catch (error) {
      return {
        ok: false,
        problems: [
          `lab-src: ${request.src} could not be loaded (${error instanceof Error ? error.message : String(error)})`,
        ],
      };
    }
  }
  if (request.id) {
    // The curriculum is large: only pages with a catalog lab load it.
    const { ALL_LABS, CURRICULUM, findLab } = await import('@lta/curriculum');
    const lab = findLab(request.id);
    if (lab) {
      const following = ALL_LABS[ALL_LABS.findIndex((other) => other.id === lab.id) + 1];
      const before = CURRICULUM[CURRICULUM.findIndex((module) => module.id === lab.module) - 1];
      const named = (other: Lab): NextLab => ({ id: other.id, title: other.title });
      return {
        ok: true,
        lab,
        origin: 'catalog',
        ...(following ? { next: named(following) } : {}),
        ...(before ? { unlockedBy: before.labs.map(named) } : {}),
      };
    }
    const definition = await request.published?.(request.id);
    if (definition !== undefined) return publishedDefinition(definition);
    return { ok: false, problems: [`lab: there is no lab "${request.id}" in the catalog`] };
  }
  return undefined;
}

/** The academy publishes labs without their reference solution; the learner never needs it. */
function publishedDefinition(definition: string): LoadedLab {
  let value: unknown;
  try {
    value = JSON.parse(definition);
  } catch {
    return { ok: false, problems: ['lab: the academy sent a lab that is not valid JSON'] };
  }
  const lab = value as { solution?: unknown };
  const withSolution =
    Array.isArray(lab.solution) && lab.solution.length === 0 ? { ...lab, solution: ['# kept by the author'] } : value;
  return withOrigin(validateLab(withSolution), 'published');
}

function withOrigin(result: ReturnType<typeof validateLab>, origin: LabOrigin): LoadedLab {
  return result.ok ? { ok: true, lab: result.lab, origin } : result;
}
