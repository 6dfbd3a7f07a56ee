import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_LABS, CURRICULUM, findLab, findModule, isModuleUnlocked, unlockedModules } from '../src/catalog.js';
import { levelForXp, validateLab } from '@lta/labs';

describe('curriculum catalog', () => {
  it('has at least 8 modules and 30 labs', () => {
    assert.ok(CURRICULUM.length >= 8, `${CURRICULUM.length} modules`);
    assert.ok(ALL_LABS.length >= 30, `${ALL_LABS.length} labs`);
  });

  it('has unique module and lab ids', () => {
    const moduleIds = CURRICULUM.map((m) => m.id);
    assert.equal(new Set(moduleIds).size, moduleIds.length);
    const labIds = ALL_LABS.map((l) => l.id);
    assert.deepEqual(
      labIds.filter((id, i) => labIds.indexOf(id) !== i),
      [],
    );
  });

  it('has only valid labs, each filed under its own module', () => {
    for (const module of CURRICULUM) {
      assert.ok(module.labs.length > 0, `${module.id} has no labs`);
      for (const lab of module.labs) {
        const result = validateLab(lab);
        assert.deepEqual(result.ok ? [] : result.problems, [], lab.id);
        assert.equal(lab.module, module.id, `${lab.id} says module ${lab.module}`);
      }
    }
  });

  it('gives every lab positive XP, hints on every step, a recap and a reference solution', () => {
    for (const lab of ALL_LABS) {
      assert.ok(Number.isInteger(lab.xp) && lab.xp > 0, `${lab.id} xp ${lab.xp}`);
      assert.ok(lab.solution.length > 0, `${lab.id} has no solution`);
      // The recap names what was learned: at least one command in backticks, short enough to read at a glance.
      assert.match(lab.recap ?? '', /`[^`]+`/, `${lab.id} has no recap naming a command`);
      assert.ok((lab.recap ?? '').length <= 400, `${lab.id}'s recap is longer than 400 characters`);
      for (const step of lab.steps) assert.ok(step.hints.length > 0, `${lab.id} / ${step.title} has no hint`);
    }
  });

  it('covers every topic of the course, from first steps to processes, in order', () => {
    const order = CURRICULUM.map((m) => m.id);
    assert.deepEqual(order, [
      'navigation',
      'files',
      'reading',
      'finding',
      'redirection',
      'grep',
      'permissions',
      'links',
      'text',
      'archives',
      'environment',
      'scripting',
      'editors',
      'processes',
      'users',
      'packages',
      'services',
      'networking',
      'storage',
      'git',
      'forensics',
    ]);
    const solutions = ALL_LABS.flatMap((lab) => lab.solution).join('\n');
    for (const command of [
      'pwd',
      'ls',
      'cd',
      'touch',
      'mkdir -p',
      'cp -r',
      'mv',
      'rm -r',
      'cat',
      'less',
      'head',
      'tail',
      'wc',
      'find',
      'grep -rn',
      'grep -v',
      'grep -n',
      'chmod',
      'ln -s',
      'sort',
      'uniq -c',
      'cut',
      'tr',
      'sed',
      'awk',
      'tar',
      'gzip',
      'export',
      'for ',
      'if [',
      '2>&1',
      '|',
      '>>',
      'sudo',
      'useradd',
      'usermod -aG',
      'chown',
      'chgrp',
      'ping',
      'dig',
      'curl',
      'ssh ',
      'scp',
      'ssh-keygen',
      'git clone',
      'git push -u',
      'git pull',
    ]) {
      assert.ok(solutions.includes(command), `no reference solution uses ${command}`);
    }
  });

  it('finds labs and modules by id', () => {
    assert.equal(findLab('nav-first-steps')?.module, 'navigation');
    assert.equal(findLab('no-such-lab'), undefined);
    assert.equal(findModule('scripting')?.labs.length, 4);
    assert.equal(findModule('nope'), undefined);
  });
});

describe('unlocking', () => {
  const labsOf = (moduleId: string) => findModule(moduleId)!.labs.map((l) => l.id);

  it('opens the first module to everyone', () => {
    assert.deepEqual(unlockedModules(new Set()), ['navigation']);
  });

  it('opens module k once every lab of module k-1 is complete, not before', () => {
    const nav = labsOf('navigation');
    assert.equal(isModuleUnlocked('files', new Set(nav.slice(0, -1))), false);
    assert.equal(isModuleUnlocked('files', new Set(nav)), true);
    assert.deepEqual(unlockedModules(new Set(nav)), ['navigation', 'files']);
  });

  it('opens everything once every lab is complete, and never an unknown module', () => {
    const all = new Set(ALL_LABS.map((l) => l.id));
    assert.equal(unlockedModules(all).length, CURRICULUM.length);
    assert.equal(isModuleUnlocked('no-such-module', all), false);
  });
});

describe('levels the course gives', () => {
  it('lets a learner who finishes the curriculum reach a level worth showing', () => {
    const total = ALL_LABS.reduce((sum, lab) => sum + lab.xp, 0);
    assert.ok(levelForXp(total) >= 5, `all labs give ${total} XP = level ${levelForXp(total)}`);
  });
});
