import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blake3 } from '@noble/hashes/blake3.js';
import { exportSPKI, generateKeyPair, SignJWT, decodeJwt } from 'jose';
import { identityFromClaims, identityToHex } from '../../src/identity/identity.js';
import { loadOrCreateSigningKeys } from '../../src/identity/keys.js';
import { TokenService, TokenRejectedError } from '../../src/identity/tokens.js';

test('identities start with c200 and carry a blake3 checksum of their hash', () => {
  const hex = identityToHex(identityFromClaims('localhost', 'alice'));
  assert.match(hex, /^c200[0-9a-f]{60}$/);
  const bytes = Buffer.from(hex, 'hex');
  const checksum = blake3(new Uint8Array([0xc2, 0x00, ...bytes.subarray(6)])).subarray(0, 4);
  assert.deepEqual([...bytes.subarray(2, 6)], [...checksum]);
  const hash = blake3(new TextEncoder().encode('localhost|alice')).subarray(0, 26);
  assert.deepEqual([...bytes.subarray(6)], [...hash]);
  assert.notEqual(identityFromClaims('localhost', 'bob'), identityFromClaims('localhost', 'alice'));
});

test('a token minted by the host verifies to the same identity, also after a restart with the same data dir', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'lta-keys-'));
  try {
    const first = new TokenService(await loadOrCreateSigningKeys(dataDir));
    const { identity, token } = await first.createIdentity();
    const claims = decodeJwt(token);
    assert.equal(claims.iss, 'localhost');
    assert.deepEqual(claims.aud, ['spacetimedb']);
    assert.equal(claims['hex_identity'], identityToHex(identity));
    const restarted = new TokenService(await loadOrCreateSigningKeys(dataDir));
    assert.equal((await restarted.verify(token)).identity, identity);
    const stranger = new TokenService(await loadOrCreateSigningKeys(undefined));
    await assert.rejects(stranger.verify(token), TokenRejectedError);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('the websocket token is short-lived and keeps the identity', async () => {
  const service = new TokenService(await loadOrCreateSigningKeys(undefined));
  const { identity, token } = await service.createIdentity();
  const short = await service.websocketToken(await service.verify(token));
  const claims = decodeJwt(short);
  assert.ok(typeof claims.exp === 'number' && claims.exp - Date.now() / 1000 <= 61);
  assert.equal((await service.verify(short)).identity, identity);
});

test('tokens of a configured issuer are accepted with their own identity; unknown issuers are refused', async () => {
  const lms = await generateKeyPair('ES256', { extractable: true });
  const service = new TokenService(await loadOrCreateSigningKeys(undefined), [
    { issuer: 'https://lms.example', publicKey: await exportSPKI(lms.publicKey) },
  ]);
  const lmsToken = await new SignJWT({ sub: 'student-42' })
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer('https://lms.example')
    .setIssuedAt()
    .sign(lms.privateKey);
  const caller = await service.verify(lmsToken);
  assert.equal(caller.identity, identityFromClaims('https://lms.example', 'student-42'));
  // The websocket token re-signed by the host still maps to the LMS identity.
  assert.equal((await service.verify(await service.websocketToken(caller))).identity, caller.identity);

  const rogue = await generateKeyPair('ES256');
  const forged = await new SignJWT({ sub: 'student-42' })
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer('https://lms.example')
    .setIssuedAt()
    .sign(rogue.privateKey);
  await assert.rejects(service.verify(forged), TokenRejectedError);
  const unknown = await new SignJWT({ sub: 'x' })
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer('https://other')
    .setIssuedAt()
    .sign(rogue.privateKey);
  await assert.rejects(service.verify(unknown), /not trusted/);
  await assert.rejects(service.verify('not.a.jwt'), TokenRejectedError);
});

test('a token whose hex_identity does not match its iss and sub is refused', async () => {
  const lms = await generateKeyPair('ES256', { extractable: true });
  const service = new TokenService(await loadOrCreateSigningKeys(undefined), [
    { issuer: 'lms', publicKey: await exportSPKI(lms.publicKey) },
  ]);
  const lying = await new SignJWT({ sub: 'a', hex_identity: identityToHex(identityFromClaims('lms', 'b')) })
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer('lms')
    .setIssuedAt()
    .sign(lms.privateKey);
  await assert.rejects(service.verify(lying), /Identity mismatch/);
});
