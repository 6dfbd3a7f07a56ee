import { Identity } from 'spacetimedb';
import { tokenClaims } from './token-claims.js';

/**
 * The identity a SpacetimeDB token stands for, read from its `hex_identity` claim, so a page opened offline
 * still knows whose rank and profile to show. Undefined for anything that is not such a token.
 */
export function identityFromToken(token: string | undefined): Identity | undefined {
  const hex = tokenClaims(token)?.hex_identity;
  try {
    return typeof hex === 'string' ? Identity.fromString(hex) : undefined;
  } catch {
    return undefined;
  }
}
