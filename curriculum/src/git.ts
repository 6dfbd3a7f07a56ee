import { defineModule } from './define.js';

const IDENTITY = ['git config --global user.name "Sam Cook"', 'git config --global user.email sam@example.com'];

/** Module: version control with git (a real git: isomorphic-git over the learner's files). */
export const git = defineModule(
  'git',
  'Version control with git',
  'Keep the history of a project with git: a repository, commits, what changed, branches and merges.',
  [
    {
      id: 'git-first-commit',
      title: 'Keep the recipes safe',
      xp: 40,
      difficulty: 'beginner',
      story:
        'Sam keeps the family recipes as text files in `~/recipes`, and last week an edit wiped half of the pancake ' +
        'recipe with no way back. Put the folder under version control with git, so that every version is kept.',
      files: {
        '~/recipes/pancakes.txt': 'Pancakes\n- 2 eggs\n- 250 g flour\n- 500 ml milk\n',
        '~/recipes/soup.txt': 'Tomato soup\n- 1 kg tomatoes\n- 1 onion\n',
      },
      steps: [
        {
          title: 'Tell git who you are, and start a repository',
          instructions:
            'git signs every commit with a name and an email: set yours with `git config --global user.name` and ' +
            '`user.email`. Then turn `~/recipes` into a repository with `git init` (run inside it).',
          checks: [
            { kind: 'exists', path: '~/recipes/.git/HEAD', type: 'file', message: '~/recipes is a git repository' },
            { kind: 'ran', command: 'git', operands: ['init'], message: 'You ran git init' },
            { kind: 'file-matches', path: '~/.gitconfig', pattern: 'email\\s*=\\s*\\S+@', message: 'Your email is in ~/.gitconfig' },
          ],
          hints: [
            '`git config --global user.name "Your Name"` and `git config --global user.email you@example.com` write `~/.gitconfig`.',
            'Then `cd ~/recipes` and `git init`.',
            '`git config --global user.name "Sam Cook"; git config --global user.email sam@example.com; cd ~/recipes; git init`',
          ],
        },
        {
          title: 'The first commit',
          instructions:
            'Look at `git status`: both files are untracked. Stage them with `git add` and record them with ' +
            '`git commit -m "..."`. Afterwards `git status` says the working tree is clean.',
          checks: [
            { kind: 'git-commit-count', path: '~/recipes', count: 1, message: 'The repository has a commit' },
            { kind: 'git-file-committed', path: '~/recipes', file: 'pancakes.txt', text: '250 g flour', message: 'pancakes.txt is committed' },
            { kind: 'git-file-committed', path: '~/recipes', file: 'soup.txt', text: 'tomatoes', message: 'soup.txt is committed' },
          ],
          hints: [
            '`git add FILE...` stages files (`git add .` stages everything here); `git commit -m "message"` records what is staged.',
            'If git asks "Please tell me who you are", set user.name and user.email first (step 1).',
            '`git add pancakes.txt soup.txt && git commit -m "Add the recipes"`',
          ],
        },
        {
          title: 'Record a change',
          instructions:
            'Add a line `- maple syrup` at the end of `pancakes.txt`, look at the change with `git diff`, and commit it. ' +
            '`git log --oneline` then lists two commits.',
          checks: [
            { kind: 'git-commit-count', path: '~/recipes', count: 2, message: 'The repository has two commits' },
            { kind: 'git-file-committed', path: '~/recipes', file: 'pancakes.txt', content: 'Pancakes\n- 2 eggs\n- 250 g flour\n- 500 ml milk\n- maple syrup\n', message: 'The last commit has maple syrup in pancakes.txt' },
            { kind: 'git-clean', path: '~/recipes', message: 'Nothing is left to commit' },
          ],
          hints: [
            '`echo "- maple syrup" >> pancakes.txt` appends the line; `git diff` shows it with a `+`.',
            '`git commit -am "..."` stages every changed tracked file and commits it in one go.',
            '`echo "- maple syrup" >> pancakes.txt && git commit -am "Pancakes: maple syrup"`',
          ],
        },
      ],
      recap:
        'You can now start a repository (`git init`), say who you are (`git config --global`), stage and record work ' +
        '(`git add`, `git commit -m`), and see what changed (`git status`, `git diff`, `git log --oneline`).',
      solution: [
        ...IDENTITY,
        'cd ~/recipes',
        'git init',
        'git status',
        'git add pancakes.txt soup.txt',
        'git commit -m "Add the recipes"',
        'echo "- maple syrup" >> pancakes.txt',
        'git diff',
        'git commit -am "Pancakes: maple syrup"',
        'git log --oneline',
      ],
    },
    {
      id: 'git-branch-merge',
      title: 'A page on a branch',
      xp: 60,
      difficulty: 'intermediate',
      story:
        'The bakery website in `~/site` is about to go under git. The server writes `debug.log` next to the pages, ' +
        'which must never be committed. Then you will write the new "About us" page on its own branch, so the live ' +
        'pages stay untouched until it is ready, and merge it when it is.',
      files: {
        '~/site/index.html': '<h1>Crumb &amp; Co</h1>\n<p>Fresh bread every morning.</p>\n',
        '~/site/debug.log': 'GET / 200\n',
      },
      steps: [
        {
          title: 'Ignore the log, commit the site',
          instructions:
            'Set your git identity if you have not yet, `git init` in `~/site`, write `*.log` into `.gitignore`, ' +
            'and commit `index.html` and `.gitignore`. `git status` then shows nothing to commit, log or not.',
          checks: [
            { kind: 'git-file-committed', path: '~/site', file: '.gitignore', text: '*.log', message: '.gitignore with *.log is committed' },
            { kind: 'git-file-committed', path: '~/site', file: 'index.html', text: 'Fresh bread', message: 'index.html is committed' },
            { kind: 'git-file-committed', path: '~/site', file: 'debug.log', negate: true, message: 'debug.log is not committed' },
            { kind: 'exists', path: '~/site/debug.log', message: 'debug.log is still there (the server needs it)' },
            { kind: 'git-clean', path: '~/site', message: 'Nothing is left to commit' },
          ],
          hints: [
            'A line `*.log` in `.gitignore` makes git leave every `.log` file alone: `git status` stops listing it, `git add .` skips it.',
            '`echo "*.log" > .gitignore`, then `git add .` and `git commit -m "..."`.',
            '`cd ~/site && git init && echo "*.log" > .gitignore && git add . && git commit -m "The site"`',
          ],
        },
        {
          title: 'Work on a branch',
          instructions:
            'Create a branch `about` and switch to it (`git switch -c about`), write `about.html` holding ' +
            '`<h1>About us</h1>`, and commit it there.',
          checks: [
            { kind: 'git-branch-exists', path: '~/site', branch: 'about', message: 'A branch about exists' },
            { kind: 'git-file-committed', path: '~/site', branch: 'about', file: 'about.html', text: 'About us', message: 'about.html is committed on about' },
          ],
          hints: [
            '`git switch -c NAME` (or `git checkout -b NAME`) creates a branch and moves onto it.',
            'Commits now go to `about`; `git log --oneline` shows where each branch is.',
            '`git switch -c about && echo "<h1>About us</h1>" > about.html && git add about.html && git commit -m "About page"`',
          ],
        },
        {
          title: 'Merge it',
          instructions:
            'Go back to the first branch (`git branch` lists them; it is `master` unless you chose another name) and ' +
            '`git merge about`: a fast-forward, since nothing changed there meanwhile.',
          checks: [
            { kind: 'git-file-committed', path: '~/site', file: 'about.html', text: 'About us', message: 'about.html is in the current branch' },
            { kind: 'ran', command: 'git', operands: ['merge', 'about'], message: 'You merged about (git merge about)' },
            { kind: 'git-branch-exists', path: '~/site', branch: 'about', current: true, negate: true, message: 'You are back on the first branch, not on about' },
            { kind: 'git-clean', path: '~/site', message: 'Nothing is left to commit' },
          ],
          hints: [
            '`git switch BRANCH` moves back; the file about.html disappears, as it is not on that branch yet.',
            '`git merge about` brings the branch\'s commits into the one you are on.',
            '`git switch master && git merge about`',
          ],
        },
      ],
      recap:
        'You can keep files out of git with `.gitignore`, work on a branch (`git switch -c`), go back (`git switch`), ' +
        'and bring a branch\'s work in with `git merge`.',
      solution: [
        ...IDENTITY,
        'cd ~/site',
        'git init',
        'echo "*.log" > .gitignore',
        'git add .',
        'git commit -m "The site"',
        'git switch -c about',
        'echo "<h1>About us</h1>" > about.html',
        'git add about.html',
        'git commit -m "About page"',
        'git switch master',
        'git merge about',
      ],
    },
  ],
);
