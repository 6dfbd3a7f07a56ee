import { Identity } from 'spacetimedb';

/**
 * The identity a SpacetimeDB token stands for, read from its `hex_identity` claim, so a page opened offline
 * still knows whose rank and profile to show. Undefined for anything that is not such a token.
 */
export function identityFromToken(token: string | undefined): Identity | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { hex_identity?: unknown };
    return typeof claims.hex_identity === 'string' ? Identity.fromString(claims.hex_identity) : undefined;
  } catch {
    return undefined;
  }
}
