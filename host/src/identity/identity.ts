/**
 * SpacetimeDB's identity derivation: an identity is a function of a token's issuer and subject only, so the same
 * person signing in again (same `iss`, same `sub`) always gets the same identity.
 */
import { blake3 } from '@noble/hashes/blake3.js';

const encoder = new TextEncoder();

/**
 * The identity for `iss`/`sub`, as the real server computes it: h = blake3(iss|sub)[0..26],
 * checksum = blake3(c2 00 ++ h)[0..4], identity bytes (big-endian) = c2 00 ++ checksum ++ h.
 * Returns the identity as a u256 bigint (the value `Identity` holds).
 */
export function identityFromClaims(issuer: string, subject: string): bigint {
  const idHash = blake3(encoder.encode(`${issuer}|${subject}`)).subarray(0, 26);
  const checksumInput = new Uint8Array(28);
  checksumInput[0] = 0xc2;
  checksumInput.set(idHash, 2);
  const checksum = blake3(checksumInput).subarray(0, 4);
  const bigEndian = new Uint8Array(32);
  bigEndian[0] = 0xc2;
  bigEndian.set(checksum, 2);
  bigEndian.set(idHash, 6);
  return BigInt('0x' + Buffer.from(bigEndian).toString('hex'));
}

/** The 64-hex-digit form used in `hex_identity` claims and JSON answers. */
export function identityToHex(identity: bigint): string {
  return identity.toString(16).padStart(64, '0');
}
