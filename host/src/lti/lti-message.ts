/**
 * Reading the claims of a verified launch by their JSON types. A signature proves who sent an id_token, not that its
 * claims have the shapes the specs give them, and an LMS with a bug (or a hostile registered one) can send a title
 * that is a number or roles that are objects. So the tool never casts the payload: a required claim of the wrong
 * type refuses the launch with a message naming it, and an optional one is left out as if it had not been sent
 * (a role, custom parameter or accepted type that is not a string is skipped). Claims as in LTI core §5.3-5.4, Deep
 * Linking 2.0 §4.4.1, AGS 2.0 §3.1 and NRPS 2.0 §3.6.1.1.
 */
import type { JWTPayload } from 'jose';
import { CLAIM, LTI_VERSION, MESSAGE_TYPE, type LtiMessage } from './claims.js';
import { LaunchRefusedError } from './launch-refused-error.js';

const ACCEPTED_MESSAGES: readonly string[] = [MESSAGE_TYPE.resourceLink, MESSAGE_TYPE.deepLinkingRequest];

type Claims = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const texts = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
const object = (value: unknown): Claims | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Claims) : undefined;

/** `{ [key]: value }` when the value is present, else nothing: optional claims stay absent rather than undefined. */
function optional<T>(key: string, value: T | undefined): Record<string, T> {
  return value === undefined ? {} : { [key]: value };
}

/**
 * The claims of a verified id_token the tool reads, typed; throws LaunchRefusedError when a required one is wrong.
 * Signature, issuer, audience, azp and nonce are checked before (`launch-validation.ts`).
 */
export function readLtiMessage(payload: JWTPayload): LtiMessage {
  const claims = payload as Claims;
  const deploymentId = claims[CLAIM.deploymentId];
  if (typeof deploymentId !== 'string' || deploymentId === '')
    throw new LaunchRefusedError('The launch names no deployment (deployment_id claim).');
  const version = claims[CLAIM.version];
  if (version !== LTI_VERSION)
    throw new LaunchRefusedError(
      `The launch is LTI version ${JSON.stringify(version)}; this tool speaks ${LTI_VERSION}.`,
    );
  const type = claims[CLAIM.messageType];
  if (typeof type !== 'string' || !ACCEPTED_MESSAGES.includes(type)) {
    throw new LaunchRefusedError(
      `This tool does not handle ${JSON.stringify(type)} messages (only ${ACCEPTED_MESSAGES.join(' and ')}).`,
    );
  }
  const roles = texts(claims[CLAIM.roles]);
  if (!roles) throw new LaunchRefusedError('The launch has no roles claim.');
  const link = object(claims[CLAIM.resourceLink]);
  const linkId = text(link?.['id']);
  if (type === MESSAGE_TYPE.resourceLink && linkId === undefined)
    throw new LaunchRefusedError('The launch names no resource link (resource_link.id claim).');
  const sub = text(claims['sub']);
  if (!sub)
    throw new LaunchRefusedError(
      'The launch is anonymous (no sub claim): the academy needs to know who the learner is.',
    );
  const context = object(claims[CLAIM.context]);
  const contextId = text(context?.['id']);
  if (context && !contextId)
    throw new LaunchRefusedError('The launch names a course without its id (context.id claim).');
  return {
    iss: payload.iss!,
    aud: payload.aud!,
    nonce: text(claims['nonce']) ?? '',
    sub,
    ...optional('azp', text(claims['azp'])),
    ...optional('name', text(claims['name'])),
    [CLAIM.messageType]: type,
    [CLAIM.version]: version,
    [CLAIM.deploymentId]: deploymentId,
    [CLAIM.roles]: roles,
    ...optional(CLAIM.targetLinkUri, text(claims[CLAIM.targetLinkUri])),
    ...optional(
      CLAIM.resourceLink,
      linkId === undefined ? undefined : { id: linkId, ...optional('title', text(link?.['title'])) },
    ),
    ...optional(
      CLAIM.context,
      contextId === undefined
        ? undefined
        : {
            id: contextId,
            ...optional('title', text(context?.['title'])),
            ...optional('label', text(context?.['label'])),
          },
    ),
    ...optional(CLAIM.custom, customOf(claims[CLAIM.custom])),
    ...optional(CLAIM.deepLinkingSettings, deepLinkingSettingsOf(claims[CLAIM.deepLinkingSettings])),
    ...optional(CLAIM.agsEndpoint, agsEndpointOf(claims[CLAIM.agsEndpoint])),
    ...optional(CLAIM.namesRoleService, namesRoleServiceOf(claims[CLAIM.namesRoleService])),
  };
}

/** Custom parameters are strings (LTI core §5.4.6): others are skipped. */
function customOf(value: unknown): Record<string, string> | undefined {
  const custom = object(value);
  if (!custom) return undefined;
  return Object.fromEntries(
    Object.entries(custom).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function deepLinkingSettingsOf(value: unknown): LtiMessage[typeof CLAIM.deepLinkingSettings] {
  const settings = object(value);
  const returnUrl = text(settings?.['deep_link_return_url']);
  if (returnUrl === undefined) return undefined;
  return {
    deep_link_return_url: returnUrl,
    ...optional('accept_types', texts(settings?.['accept_types'])),
    ...optional('data', text(settings?.['data'])),
  };
}

function agsEndpointOf(value: unknown): LtiMessage[typeof CLAIM.agsEndpoint] {
  const endpoint = object(value);
  if (!endpoint) return undefined;
  return {
    scope: texts(endpoint['scope']) ?? [],
    ...optional('lineitem', text(endpoint['lineitem'])),
    ...optional('lineitems', text(endpoint['lineitems'])),
  };
}

function namesRoleServiceOf(value: unknown): LtiMessage[typeof CLAIM.namesRoleService] {
  const service = object(value);
  const url = text(service?.['context_memberships_url']);
  if (url === undefined) return undefined;
  return { context_memberships_url: url, ...optional('service_versions', texts(service?.['service_versions'])) };
}
