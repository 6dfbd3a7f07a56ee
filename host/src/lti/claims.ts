/**
 * The claim names and values of LTI 1.3 (core §5), Deep Linking 2.0, AGS 2.0 and NRPS 2.0 messages, in one place so
 * the tool and the test platform spell them the same way.
 */

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';

/** LTI 1.3 core §5.3 (required message claims) and §5.4 (optional ones). */
export const CLAIM = {
  messageType: `${LTI}message_type`,
  version: `${LTI}version`,
  deploymentId: `${LTI}deployment_id`,
  targetLinkUri: `${LTI}target_link_uri`,
  resourceLink: `${LTI}resource_link`,
  roles: `${LTI}roles`,
  context: `${LTI}context`,
  custom: `${LTI}custom`,
  /** Deep Linking 2.0 §4.4.1: where and what the platform accepts back. */
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  /** Deep Linking 2.0 §4.5.3 / §4.5.4: the response's items and echoed data. */
  contentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
  deepLinkingData: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
  /** AGS 2.0 §3.1: the line item endpoints and granted scopes. */
  agsEndpoint: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  /** NRPS 2.0 §3.6.1.1: the context's membership URL. */
  namesRoleService: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
} as const;

export const LTI_VERSION = '1.3.0';

export const MESSAGE_TYPE = {
  resourceLink: 'LtiResourceLinkRequest',
  deepLinkingRequest: 'LtiDeepLinkingRequest',
  deepLinkingResponse: 'LtiDeepLinkingResponse',
} as const;

/** OAuth scopes of LTI Advantage services (AGS 2.0 §3.1, NRPS 2.0 §3.6.1). */
export const SCOPE = {
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  resultReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  roster: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
} as const;

/** Media types of AGS scores (§3.4) and NRPS membership containers (§2.2). */
export const MEDIA_TYPE = {
  score: 'application/vnd.ims.lis.v1.score+json',
  membership: 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json',
} as const;

/** LTI core §A.2: the context roles that teach. Anything else is a learner. */
const TEACHING_ROLES = ['Instructor', 'Administrator', 'ContentDeveloper', 'TeachingAssistant'];

/** `instructor` when one of the LTI roles (full URIs or short names) teaches, else `learner`. */
export function cohortRoleOf(roles: readonly string[]): 'instructor' | 'learner' {
  return roles.some((role) => TEACHING_ROLES.includes(role.split('#').pop() ?? '')) ? 'instructor' : 'learner';
}

/** The claims of an LTI id_token the tool reads (after validation). */
export interface LtiMessage {
  iss: string;
  sub?: string;
  aud: string | string[];
  azp?: string;
  nonce: string;
  name?: string;
  [CLAIM.messageType]: string;
  [CLAIM.version]: string;
  [CLAIM.deploymentId]: string;
  [CLAIM.targetLinkUri]?: string;
  [CLAIM.resourceLink]?: { id: string; title?: string };
  [CLAIM.roles]: string[];
  [CLAIM.context]?: { id: string; title?: string; label?: string };
  [CLAIM.custom]?: Record<string, string>;
  [CLAIM.deepLinkingSettings]?: {
    deep_link_return_url: string;
    accept_types?: string[];
    data?: string;
  };
  [CLAIM.agsEndpoint]?: {
    scope: string[];
    lineitem?: string;
    lineitems?: string;
  };
  [CLAIM.namesRoleService]?: {
    context_memberships_url: string;
    service_versions?: string[];
  };
}
