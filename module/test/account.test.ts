import { test } from 'node:test';
import assert from 'node:assert/strict';
import { levelForXp } from '@lta/labs';
import { eventually, refused, useAcademy } from './support/academy.js';

const academy = useAcademy();

test('a learner registers and everyone sees the public profile, but only they see their settings', async () => {
  const ada = await academy.visitor();
  await ada.subscribe('SELECT * FROM learner', 'SELECT * FROM my_settings');
  await ada.conn.reducers.registerUser({ username: 'Ada_Lovelace', displayName: '', timeZone: 'Europe/London' });
  await eventually(() => ada.conn.db.learner.count() > 0, 'the profile row');
  const profile = ada.conn.db.learner.identity.find(ada.identity);
  assert.ok(profile);
  assert.equal(profile.username, 'ada_lovelace');
  assert.equal(profile.displayName, 'ada_lovelace', 'the display name defaults to the username');
  assert.equal(profile.role, 'learner');
  assert.equal(profile.xp, 0n);
  assert.equal(profile.level, levelForXp(0));
  await eventually(() => ada.conn.db.mySettings.count() === 1n, 'my settings');
  assert.equal([...ada.conn.db.mySettings.iter()][0]!.timeZone, 'Europe/London');

  const other = await academy.visitor();
  await other.subscribe('SELECT * FROM learner', 'SELECT * FROM my_settings');
  assert.ok([...other.conn.db.learner.iter()].some((row) => row.username === 'ada_lovelace'));
  assert.equal(other.conn.db.mySettings.count(), 0n, 'nobody else sees her time zone');
  await refused(other.subscribe('SELECT * FROM learner_private'), /private|not|denied|exist/i);
});

test('usernames are unique whatever the case, compatibility form or look-alike digits', async () => {
  await (
    await academy.visitor()
  ).conn.reducers.registerUser({ username: 'alice', displayName: 'Alice', timeZone: 'UTC' });
  const mallory = await academy.visitor();
  const attempt = (username: string) =>
    mallory.conn.reducers.registerUser({ username, displayName: '', timeZone: 'UTC' });
  await refused(attempt('ALICE'), 'That username is taken');
  await refused(attempt('ａｌｉｃｅ'), 'That username is taken');
  await refused(attempt('a1ice'), 'That username is taken: it looks too much like "alice"');
  for (const lookAlike of ['alice_', 'a-lice', '4lice']) {
    await refused(attempt(lookAlike), 'That username is taken: it looks too much like "alice"');
  }
  for (const staff of ['admin_', 'the-admin', 'lta-team', 'moderator42']) {
    await refused(attempt(staff), `The username "${staff}" is reserved: choose another`);
  }
  await refused(attempt('аlice'), 'Usernames may only use the letters a-z, digits 0-9, _ and -'); // Cyrillic а
  await refused(attempt('root'), 'The username "root" is reserved: choose another');
  await refused(attempt('al'), 'Choose a username of at least 3 characters');
  await refused(attempt('x'.repeat(31)), 'Choose a username of at most 30 characters');
  await refused(
    mallory.conn.reducers.registerUser({ username: 'mallory', displayName: '', timeZone: 'Atlantis/Capital' }),
    /Unknown time zone "Atlantis\/Capital"/,
  );
  await mallory.subscribe('SELECT * FROM learner');
  assert.equal(mallory.conn.db.learner.identity.find(mallory.identity), null, 'no refused attempt left a profile');
  await attempt('mallory');
  await refused(attempt('mallory2'), 'You are already registered as mallory');
});

test('profile: display name and https avatar; refusals change nothing', async () => {
  const grace = await academy.learner('grace');
  await grace.subscribe('SELECT * FROM learner');
  await grace.conn.reducers.updateProfile({
    displayName: '  Grace Hopper ',
    avatarUrl: 'https://example.org/grace.png',
  });
  await eventually(
    () => grace.conn.db.learner.identity.find(grace.identity)?.displayName === 'Grace Hopper',
    'new name',
  );
  await refused(
    grace.conn.reducers.updateProfile({ displayName: 'Grace', avatarUrl: 'http://example.org/grace.png' }),
    'Use an avatar URL that starts with https://',
  );
  await refused(
    grace.conn.reducers.updateProfile({ displayName: 'G'.repeat(41), avatarUrl: '' }),
    'Shorten your display name to 40 characters',
  );
  const profile = grace.conn.db.learner.identity.find(grace.identity)!;
  assert.equal(profile.displayName, 'Grace Hopper');
  assert.equal(profile.avatarUrl, 'https://example.org/grace.png');
});

test('the time zone can be changed once a day', async () => {
  const linus = await academy.learner('linus', 'Europe/Helsinki');
  await linus.subscribe('SELECT * FROM my_settings');
  await refused(linus.conn.reducers.setTimeZone({ timeZone: 'Nowhere/Special' }), /Unknown time zone/);
  await linus.conn.reducers.setTimeZone({ timeZone: 'America/Los_Angeles' });
  await eventually(() => [...linus.conn.db.mySettings.iter()][0]?.timeZone === 'America/Los_Angeles', 'new zone');
  await refused(
    linus.conn.reducers.setTimeZone({ timeZone: 'Asia/Tokyo' }),
    /You can change your time zone again in 2[34] h/,
  );
});

test('display names cannot impersonate: no copies of another name, no staff words, nothing invisible', async () => {
  const bea = await academy.learner('bea');
  const cy = await academy.learner('cyd');
  await bea.subscribe('SELECT * FROM learner');
  await bea.conn.reducers.updateProfile({ displayName: 'Beatrice', avatarUrl: '' });
  const rename = (displayName: string) => cy.conn.reducers.updateProfile({ displayName, avatarUrl: '' });
  for (const copy of ['Beatrice', 'BEATR1CE', 'Bea trice', 'bea']) {
    await refused(rename(copy), `"${copy}" looks too much like another learner's name: choose another display name`);
  }
  for (const staff of ['Admin', 'The Moderator', 'LTA team', 'Official Support']) {
    await refused(rename(staff), /^Display names may not pass for staff \("[a-z]+"\): choose another$/);
  }
  for (const invisible of ['\u3164', '\u200b', '\u2800', 'cyd\u200e', 'Cyd \u2713']) {
    await refused(
      rename(invisible),
      'Remove invisible characters, special spaces and check marks from your display name',
    );
  }
  await rename('Cyrus');
  await eventually(() => bea.conn.db.learner.identity.find(cy.identity)?.displayName === 'Cyrus', 'the new name');
  await bea.conn.reducers.updateProfile({ displayName: 'Bea', avatarUrl: '' });
  await rename('Beatrice');
  await eventually(
    () => bea.conn.db.learner.identity.find(cy.identity)?.displayName === 'Beatrice',
    'a name given up is free again',
  );
  const dan = await academy.visitor();
  await refused(
    dan.conn.reducers.registerUser({ username: 'beatrice', displayName: '', timeZone: 'UTC' }),
    "That username looks too much like another learner's name: choose another",
  );
});
