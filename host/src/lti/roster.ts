/**
 * Names and Role Provisioning Services 2.0: the course roster for the cohort's instructors (`GET /lti/roster`
 * with the instructor's academy token as bearer). The tool reads the membership container (§2.2, following
 * `Link: rel="next"` pages, §2.4.1) with a service token and answers each member with the academy identity their
 * launches sign them in with, so the instructor view can join roster and progress rows.
 */
import type { ServerResponse } from 'node:http';
import { identityFromClaims, identityToHex } from '../identity/identity.js';
import { HttpError, sendJson } from '../server/http-responses.js';
import type { AcademyIssuer } from './academy-issuer.js';
import { cohortRoleOf, MEDIA_TYPE, SCOPE } from './claims.js';
import type { LaunchRecords } from './launch-records.js';
import type { PlatformRegistry } from './platform-registry.js';
import { serviceFetch, ServiceError, type ServiceTokens } from './service-token.js';

/** Pages of members read at most (a platform that keeps sending `next` links cannot hold the tool forever). */
const MAX_PAGES = 50;

/** One member of the course, as the instructor view gets it. */
export interface RosterMember {
  /** The academy identity (hex) the member's launches sign in with. */
  identity: string;
  name: string | null;
  role: 'instructor' | 'learner';
  status: string;
}

interface NrpsMember {
  user_id: string;
  name?: string;
  roles?: string[];
  status?: string;
}

export async function answerRoster(
  token: string | null,
  res: ServerResponse,
  context: {
    issuer: AcademyIssuer;
    records: LaunchRecords;
    registry: PlatformRegistry;
    tokens: ServiceTokens;
  },
): Promise<void> {
  if (!token)
    throw new HttpError(
      401,
      "The roster needs the instructor's academy token (Authorization: Bearer ...), from an LTI launch.",
    );
  let claims;
  try {
    claims = await context.issuer.verify(token);
  } catch {
    throw new HttpError(
      401,
      'That token was not minted by this academy for an LTI launch, or it has expired: launch again from the course.',
    );
  }
  const cohort = claims['lta_cohort'];
  if (typeof cohort !== 'string')
    throw new HttpError(403, 'This token is not from a course launch: there is no course roster to show.');
  if (claims['lta_cohort_role'] !== 'instructor')
    throw new HttpError(403, "Only the course's instructors may see its roster.");
  const source = context.records.rosterSource(cohort);
  if (!source)
    throw new HttpError(
      404,
      'The platform did not offer a roster for this course (Names and Role Provisioning is not enabled for the tool).',
    );
  const platform = context.registry.find(source.platformIssuer, source.clientId);
  const members: RosterMember[] = [];
  try {
    const bearer = await context.tokens.token(platform, [SCOPE.roster]);
    let next: string | null = source.membershipsUrl;
    for (let page = 0; next !== null && page < MAX_PAGES; page++) {
      const answer: Response = await serviceFetch(
        next,
        {
          headers: {
            authorization: `Bearer ${bearer}`,
            accept: MEDIA_TYPE.membership,
          },
        },
        'the roster endpoint',
        context.registry.fetchFor(platform),
      );
      const body = (await answer.json()) as { members?: NrpsMember[] };
      for (const member of body.members ?? []) {
        members.push({
          identity: identityToHex(
            identityFromClaims(context.issuer.issuer, context.issuer.subjectOf(platform.issuer, member.user_id)),
          ),
          name: member.name ?? null,
          role: cohortRoleOf(member.roles ?? []),
          status: member.status ?? 'Active',
        });
      }
      next = nextLink(answer.headers.get('link'));
    }
  } catch (err) {
    if (err instanceof ServiceError)
      throw new HttpError(502, `The platform's roster could not be read: ${err.message}`);
    throw err;
  }
  sendJson(res, 200, { cohort, members });
}

/** The `rel="next"` URL of a Link header (RFC 8288), or null. */
function nextLink(header: string | null): string | null {
  for (const part of header?.split(',') ?? []) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
    if (m) return m[1]!;
  }
  return null;
}
