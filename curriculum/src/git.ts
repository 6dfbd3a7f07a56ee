import { defineModule } from './define.js';

const IDENTITY = ['git config --global user.name "Sam Cook"', 'git config --global user.email sam@example.com'];

/** Module: version control with git (a real git: isomorphic-git over the learner's files). */
export const git = defineModule(
  'git',
  'Version control with git',
  'Keep the history of a project with git: a repository, commits, what changed, branches and merges, undoing, conflicts, releases, and sharing the work through a remote repository.',
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
            {
              kind: 'file-matches',
              path: '~/.gitconfig',
              pattern: 'email\\s*=\\s*\\S+@',
              message: 'Your email is in ~/.gitconfig',
            },
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
            {
              kind: 'git-file-committed',
              path: '~/recipes',
              file: 'pancakes.txt',
              text: '250 g flour',
              message: 'pancakes.txt is committed',
            },
            {
              kind: 'git-file-committed',
              path: '~/recipes',
              file: 'soup.txt',
              text: 'tomatoes',
              message: 'soup.txt is committed',
            },
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
            {
              kind: 'git-file-committed',
              path: '~/recipes',
              file: 'pancakes.txt',
              content: 'Pancakes\n- 2 eggs\n- 250 g flour\n- 500 ml milk\n- maple syrup\n',
              message: 'The last commit has maple syrup in pancakes.txt',
            },
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
            {
              kind: 'git-file-committed',
              path: '~/site',
              file: '.gitignore',
              text: '*.log',
              message: '.gitignore with *.log is committed',
            },
            {
              kind: 'git-file-committed',
              path: '~/site',
              file: 'index.html',
              text: 'Fresh bread',
              message: 'index.html is committed',
            },
            {
              kind: 'git-file-committed',
              path: '~/site',
              file: 'debug.log',
              negate: true,
              message: 'debug.log is not committed',
            },
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
            {
              kind: 'git-file-committed',
              path: '~/site',
              branch: 'about',
              file: 'about.html',
              text: 'About us',
              message: 'about.html is committed on about',
            },
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
            {
              kind: 'git-file-committed',
              path: '~/site',
              file: 'about.html',
              text: 'About us',
              message: 'about.html is in the current branch',
            },
            {
              kind: 'ran',
              command: 'git',
              operands: ['merge', 'about'],
              message: 'You merged about (git merge about)',
            },
            {
              kind: 'git-branch-exists',
              path: '~/site',
              branch: 'about',
              current: true,
              negate: true,
              message: 'You are back on the first branch, not on about',
            },
            { kind: 'git-clean', path: '~/site', message: 'Nothing is left to commit' },
          ],
          hints: [
            '`git switch BRANCH` moves back; the file about.html disappears, as it is not on that branch yet.',
            "`git merge about` brings the branch's commits into the one you are on.",
            '`git switch master && git merge about`',
          ],
        },
      ],
      recap:
        'You can keep files out of git with `.gitignore`, work on a branch (`git switch -c`), go back (`git switch`), ' +
        "and bring a branch's work in with `git merge`.",
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
    {
      id: 'git-undo',
      title: 'Take it back',
      xp: 60,
      difficulty: 'intermediate',
      story:
        'The corner shop keeps its price list in `~/shop/prices.txt`. Mistakes happen: an edit you did not mean, ' +
        'a price rise the owner takes back a day later, a draft committed by accident. git can undo each of them, ' +
        'and each in its own way: throw away an edit, add a commit that undoes an old one, or move the branch back.',
      files: {
        '~/shop/prices.txt': 'bread 2.50\nmilk 1.20\ncheese 4.00\n',
        '~/shop/draft.txt': 'ideas: sell jam? open on Sundays?\n',
      },
      steps: [
        {
          title: 'Record the list, then the new milk price',
          instructions:
            'Set your git identity if you have not yet, start a repository in `~/shop` and commit `prices.txt` ' +
            "(only it: `draft.txt` is private). Then raise milk to 1.30 (`sed -i 's/milk 1.20/milk 1.30/' prices.txt`) " +
            'and commit that as a second commit.',
          checks: [
            { kind: 'git-commit-count', path: '~/shop', count: 2, message: 'The repository has two commits' },
            {
              kind: 'git-file-committed',
              path: '~/shop',
              file: 'prices.txt',
              text: 'bread 2.50',
              message: 'prices.txt is committed',
            },
            {
              kind: 'git-file-committed',
              path: '~/shop',
              file: 'draft.txt',
              negate: true,
              message: 'draft.txt is not committed',
            },
          ],
          hints: [
            '`git init` in `~/shop`, `git add prices.txt`, `git commit -m "..."`: naming the file leaves draft.txt out.',
            'After the `sed`, `git commit -am "..."` stages the changed tracked file and commits it.',
            '`cd ~/shop && git init && git add prices.txt && git commit -m "Price list" && sed -i \'s/milk 1.20/milk 1.30/\' prices.txt && git commit -am "Milk up"`',
          ],
        },
        {
          title: 'Throw away an edit',
          instructions:
            'A slip of the keyboard empties the file: do it on purpose with `> prices.txt`. `git diff` shows the three ' +
            'lines gone. The committed version is safe in the repository: bring it back with `git restore prices.txt`.',
          checks: [
            {
              kind: 'file-contains',
              path: '~/shop/prices.txt',
              text: 'bread 2.50\nmilk 1.',
              message: 'prices.txt has its lines back',
            },
            {
              kind: 'ran',
              command: 'git',
              operands: ['prices.txt'],
              oneOf: ['restore', 'checkout'],
              message: 'git put it back (git restore prices.txt)',
            },
          ],
          hints: [
            '`git diff` compares the file with what git has; `git status` suggests the command that discards the change.',
            '`git restore FILE` overwrites the file with its version in the index (the last commit, here).',
            '`> prices.txt; git diff; git restore prices.txt`',
          ],
        },
        {
          title: 'Undo the price rise, history kept',
          instructions:
            'The owner takes the milk price back. Find the commit with `git log --oneline` and look at it with ' +
            '`git show`, then undo it with `git revert`: a new commit that does the opposite, so the history still ' +
            "tells what happened. (`--no-edit` keeps git's own message; a real git would open an editor otherwise.)",
          checks: [
            {
              kind: 'git-commit-count',
              path: '~/shop',
              count: 3,
              message: 'The history has three commits: the rise is still in it',
            },
            {
              kind: 'git-file-committed',
              path: '~/shop',
              file: 'prices.txt',
              content: 'bread 2.50\nmilk 1.20\ncheese 4.00\n',
              message: 'The last commit has milk back at 1.20',
            },
            { kind: 'ran', command: 'git', operands: ['revert'], message: 'git revert made the undoing commit' },
          ],
          hints: [
            '`git log --oneline` lists commits newest first; `git show HEAD` shows the last one and what it changed.',
            '`git revert COMMIT` commits the opposite of COMMIT; `HEAD` names the last commit.',
            '`git log --oneline; git show HEAD; git revert --no-edit HEAD`',
          ],
        },
        {
          title: 'Take back a commit nobody has seen',
          instructions:
            'Now commit `draft.txt` by mistake (`git add draft.txt`, `git commit -m "Draft"`). No one has this commit ' +
            'yet, so it can simply go: `git reset HEAD~1` moves the branch back one commit and keeps the file in the ' +
            'folder, untracked, as it was. (`--hard` would delete the file too.)',
          checks: [
            {
              kind: 'git-commit-count',
              path: '~/shop',
              count: 4,
              negate: true,
              message: 'The draft commit is gone (three commits)',
            },
            { kind: 'git-commit-count', path: '~/shop', count: 3, message: 'The revert is still there' },
            {
              kind: 'git-file-committed',
              path: '~/shop',
              file: 'draft.txt',
              negate: true,
              message: 'draft.txt is not in the last commit',
            },
            { kind: 'exists', path: '~/shop/draft.txt', type: 'file', message: 'draft.txt is still in the folder' },
            { kind: 'ran', command: 'git', operands: ['reset'], message: 'git reset moved the branch back' },
          ],
          hints: [
            '`HEAD~1` is the commit before the last one; `git reset COMMIT` moves the branch there.',
            'Plain `git reset` (mixed) keeps your files; `git status` then lists draft.txt as untracked again.',
            '`git add draft.txt && git commit -m "Draft" && git reset HEAD~1`',
          ],
        },
      ],
      recap:
        'You can undo at every level: `git restore FILE` throws away an edit, `git revert COMMIT` adds a commit that ' +
        'undoes an old one (history kept, safe once shared), `git reset HEAD~1` drops commits nobody has yet (keeping ' +
        'the files; `--hard` drops them too). `git log --oneline` and `git show` find the commit to undo.',
      solution: [
        ...IDENTITY,
        'cd ~/shop',
        'git init',
        'git add prices.txt',
        'git commit -m "Price list"',
        "sed -i 's/milk 1.20/milk 1.30/' prices.txt",
        'git commit -am "Milk up"',
        '> prices.txt',
        'git diff',
        'git restore prices.txt',
        'git log --oneline',
        'git show HEAD',
        'git revert --no-edit HEAD',
        'git add draft.txt',
        'git commit -m "Draft"',
        'git reset HEAD~1',
        'git status',
      ],
    },
    {
      id: 'git-conflict',
      title: 'Two cooks, one menu',
      xp: 80,
      difficulty: 'advanced',
      story:
        'Two cooks edit the menu in `~/menu`: one plans the summer soup on a branch, the other changes the soup on ' +
        'the main line. Both changed the same line, so git cannot merge them alone: it marks the conflict in the file ' +
        'and waits for a person to decide. The chef decides: both soups go on the menu.',
      files: {
        '~/menu/menu.txt': 'Starter: bread\nSoup: tomato\nDessert: apple pie\n',
      },
      steps: [
        {
          title: 'Two changes to the same line',
          instructions:
            'Set your git identity if needed, start a repository in `~/menu` and commit `menu.txt`. Create a branch ' +
            "`summer` and there change the soup to gazpacho (`sed -i 's/Soup: tomato/Soup: gazpacho/' menu.txt`), " +
            'commit; go back to the first branch (`master`) and change the soup to leek there, commit.',
          checks: [
            {
              kind: 'git-file-committed',
              path: '~/menu',
              branch: 'summer',
              file: 'menu.txt',
              text: 'Soup: gazpacho',
              message: 'summer has the gazpacho',
            },
            {
              kind: 'git-file-committed',
              path: '~/menu',
              file: 'menu.txt',
              text: 'Soup: leek',
              message: 'The first branch has the leek soup',
            },
            { kind: 'git-commit-count', path: '~/menu', count: 2, message: 'The first branch has two commits' },
            {
              kind: 'git-branch-exists',
              path: '~/menu',
              branch: 'summer',
              current: true,
              negate: true,
              message: 'You are back on the first branch',
            },
          ],
          hints: [
            '`git switch -c summer` creates the branch and moves onto it; `git commit -am "..."` commits a changed tracked file.',
            '`git switch master` goes back: menu.txt says tomato again there. Change it to leek and commit.',
            "`git switch -c summer && sed -i 's/Soup: tomato/Soup: gazpacho/' menu.txt && git commit -am Gazpacho && git switch master && sed -i 's/Soup: tomato/Soup: leek/' menu.txt && git commit -am Leek`",
          ],
        },
        {
          title: 'Merge, and settle the conflict by hand',
          instructions:
            '`git merge summer` stops with a CONFLICT: `git status` lists menu.txt as both modified, and the file holds ' +
            'both versions between `<<<<<<<`, `=======` and `>>>>>>>`. Make the file read exactly `Starter: bread`, ' +
            '`Soup: leek (winter), gazpacho (summer)`, `Dessert: apple pie` (one per line, no markers left), mark it ' +
            'resolved with `git add` and conclude the merge with `git commit`.',
          checks: [
            { kind: 'git-merged', path: '~/menu', branch: 'summer', message: 'The last commit merges summer' },
            {
              kind: 'git-file-committed',
              path: '~/menu',
              file: 'menu.txt',
              content: 'Starter: bread\nSoup: leek (winter), gazpacho (summer)\nDessert: apple pie\n',
              message: 'The merged menu has both soups, no conflict markers',
            },
            { kind: 'git-clean', path: '~/menu', message: 'Nothing is left to commit' },
          ],
          hints: [
            "`cat menu.txt` shows the markers: your side (HEAD) first, then summer's. Replace the whole file with the chef's version.",
            'Rewrite the file with `printf \'...\\n...\\n...\\n\' > menu.txt`; `git add menu.txt` marks it resolved; `git commit -m "..."` makes the merge commit.',
            '`git merge summer; printf \'Starter: bread\\nSoup: leek (winter), gazpacho (summer)\\nDessert: apple pie\\n\' > menu.txt; git add menu.txt; git commit -m "Merge summer"`',
          ],
        },
      ],
      recap:
        'You can resolve a merge conflict: `git merge` stops and marks both sides in the file (`<<<<<<< HEAD`, ' +
        '`=======`, `>>>>>>> branch`); you write the version you want, `git add` it and `git commit` to make the merge ' +
        'commit. `git status` shows where a merge stands, and `git merge --abort` gives up and goes back.',
      solution: [
        ...IDENTITY,
        'cd ~/menu',
        'git init',
        'git add menu.txt',
        'git commit -m "The menu"',
        'git switch -c summer',
        "sed -i 's/Soup: tomato/Soup: gazpacho/' menu.txt",
        'git commit -am "Gazpacho for the summer"',
        'git switch master',
        "sed -i 's/Soup: tomato/Soup: leek/' menu.txt",
        'git commit -am "Leek soup"',
        'git merge summer',
        'git status',
        'cat menu.txt',
        "printf 'Starter: bread\\nSoup: leek (winter), gazpacho (summer)\\nDessert: apple pie\\n' > menu.txt",
        'git add menu.txt',
        'git commit -m "Merge summer: both soups"',
        'git log --oneline',
      ],
    },
    {
      id: 'git-release',
      title: 'Ship version 1.0',
      xp: 100,
      difficulty: 'advanced',
      story:
        'Capstone. `~/greeter` is a tiny program, `greet.sh`, about to be released as version 1.0, and not yet under ' +
        'git. It says "Helo" instead of "Hello", and your colleague adds a README while you fix that. Put it under ' +
        "git without the editor's scratch files, fix the typo on its own branch, bring both changes together (the " +
        'change log will conflict), and mark the release with a tag.',
      files: {
        '~/greeter/greet.sh': { content: '#!/bin/sh\necho "Helo, $1!"\n', mode: '755' },
        '~/greeter/CHANGES': '0.9: first try\n',
        '~/greeter/greet.sh.tmp': 'scratch\n',
      },
      steps: [
        {
          title: 'A repository without the scratch files',
          instructions:
            'Set your git identity if needed, `git init` in `~/greeter`, make `.gitignore` ignore every `*.tmp` file, ' +
            'and commit everything else.',
          checks: [
            {
              kind: 'git-file-committed',
              path: '~/greeter',
              branch: 'master',
              file: '.gitignore',
              text: '*.tmp',
              message: '.gitignore with *.tmp is committed',
            },
            {
              kind: 'git-file-committed',
              path: '~/greeter',
              branch: 'master',
              file: 'greet.sh',
              message: 'greet.sh is committed',
            },
            {
              kind: 'git-file-committed',
              path: '~/greeter',
              branch: 'master',
              file: 'greet.sh.tmp',
              negate: true,
              message: 'greet.sh.tmp is not committed',
            },
            { kind: 'exists', path: '~/greeter/greet.sh.tmp', message: 'The scratch file is still there' },
          ],
          hints: [
            'One line `*.tmp` in `.gitignore` keeps every .tmp file out of `git status` and `git add .`.',
            '`echo "*.tmp" > .gitignore`, then `git add .` and `git commit -m "..."`.',
            '`cd ~/greeter && git init && echo "*.tmp" > .gitignore && git add . && git commit -m "Greeter 0.9"`',
          ],
        },
        {
          title: 'Fix the typo on a branch',
          instructions:
            'Create a branch `fix-greeting` and on it correct "Helo" to "Hello" in `greet.sh`, add the line ' +
            '`1.0: fix the greeting` at the end of `CHANGES`, and commit both.',
          checks: [
            {
              kind: 'git-file-committed',
              path: '~/greeter',
              branch: 'fix-greeting',
              file: 'greet.sh',
              text: 'echo "Hello, $1!"',
              message: 'fix-greeting has the corrected greet.sh',
            },
            {
              kind: 'git-file-committed',
              path: '~/greeter',
              branch: 'fix-greeting',
              file: 'CHANGES',
              text: '1.0: fix the greeting',
              message: 'fix-greeting has the change log line',
            },
          ],
          hints: [
            "`git switch -c fix-greeting`; `sed -i 's/Helo/Hello/' greet.sh` fixes the typo; `>>` appends a line.",
            '`git commit -am "..."` commits both changed files.',
            '`git switch -c fix-greeting && sed -i \'s/Helo/Hello/\' greet.sh && echo "1.0: fix the greeting" >> CHANGES && git commit -am "Fix the greeting"`',
          ],
        },
        {
          title: "Your colleague's README, then the merge",
          instructions:
            "Back on `master`, make your colleague's commit: a `README` reading `greet NAME: says hello to NAME`, and " +
            'the line `1.0: add a README` at the end of `CHANGES`. Then `git merge fix-greeting`: `CHANGES` conflicts. ' +
            "Keep both lines, README's first: `0.9: first try`, `1.0: add a README`, `1.0: fix the greeting`. Conclude the merge.",
          checks: [
            {
              kind: 'git-merged',
              path: '~/greeter',
              branch: 'fix-greeting',
              message: 'The last commit on master merges fix-greeting',
            },
            {
              kind: 'git-file-committed',
              path: '~/greeter',
              file: 'CHANGES',
              content: '0.9: first try\n1.0: add a README\n1.0: fix the greeting\n',
              message: 'CHANGES has all three lines, no conflict markers',
            },
            {
              kind: 'git-file-committed',
              path: '~/greeter',
              file: 'README',
              text: 'greet NAME',
              message: 'README is committed',
            },
            {
              kind: 'git-file-committed',
              path: '~/greeter',
              file: 'greet.sh',
              text: 'echo "Hello, $1!"',
              message: 'The fix is in',
            },
            {
              kind: 'git-branch-exists',
              path: '~/greeter',
              branch: 'master',
              current: true,
              message: 'You are on master',
            },
          ],
          hints: [
            '`git switch master`, write README, append to CHANGES, `git add README CHANGES`, commit. Then `git merge fix-greeting`.',
            'After the CONFLICT, write CHANGES with the three lines (`printf`), `git add CHANGES`, `git commit -m "..."`.',
            '`git switch master && echo "greet NAME: says hello to NAME" > README && echo "1.0: add a README" >> CHANGES && git add README CHANGES && git commit -m "Add a README"; git merge fix-greeting; printf \'0.9: first try\\n1.0: add a README\\n1.0: fix the greeting\\n\' > CHANGES; git add CHANGES; git commit -m "Merge fix-greeting"`',
          ],
        },
        {
          title: 'Tag the release',
          instructions:
            'Mark the merge commit as version 1.0 with an annotated tag, which records who tagged it and why: ' +
            '`git tag -a v1.0 -m "..."`. `git tag` lists the tags, `git show v1.0` shows it.',
          checks: [
            {
              kind: 'git-tag',
              path: '~/greeter',
              tag: 'v1.0',
              annotated: true,
              message: 'An annotated tag v1.0 marks the last commit',
            },
            { kind: 'git-clean', path: '~/greeter', message: 'Nothing is left to commit' },
          ],
          hints: [
            'A bare `git tag v1.0` is only a name; `-a` with `-m "message"` makes a tag object with a message.',
            '`git tag` lists the tags to check.',
            '`git tag -a v1.0 -m "Version 1.0"`',
          ],
        },
      ],
      recap:
        'You can run a small project with git end to end: ignore generated files (`.gitignore`), develop a fix on a ' +
        'branch, merge it and resolve the conflict by hand, and mark a release with an annotated tag (`git tag -a`), ' +
        'so that `v1.0` names that exact version forever.',
      solution: [
        ...IDENTITY,
        'cd ~/greeter',
        'git init',
        'echo "*.tmp" > .gitignore',
        'git add .',
        'git commit -m "Greeter 0.9"',
        'git switch -c fix-greeting',
        "sed -i 's/Helo/Hello/' greet.sh",
        'echo "1.0: fix the greeting" >> CHANGES',
        'git commit -am "Fix the greeting"',
        'git switch master',
        'echo "greet NAME: says hello to NAME" > README',
        'echo "1.0: add a README" >> CHANGES',
        'git add README CHANGES',
        'git commit -m "Add a README"',
        'git merge fix-greeting',
        "printf '0.9: first try\\n1.0: add a README\\n1.0: fix the greeting\\n' > CHANGES",
        'git add CHANGES',
        'git commit -m "Merge fix-greeting"',
        'git tag -a v1.0 -m "Version 1.0"',
        'git tag',
        'git log --oneline',
      ],
    },
    {
      id: 'git-share',
      title: 'Share your work',
      xp: 100,
      difficulty: 'advanced',
      story:
        'The bakery site in `~/bakery` now has a second maintainer, Alex. Two people cannot pass files around by ' +
        'hand, so the project gets a shared repository on the server, `/srv/git/bakery.git`: everyone clones it, ' +
        "pushes their commits to it and pulls the others'. You will play both: yourself in `~/bakery`, and Alex in " +
        'a clone of their own, `~/alex`.',
      files: {
        '~/bakery/index.html': '<h1>Crumb &amp; Co</h1>\n<p>Fresh bread every morning.</p>\n',
        '~/bakery/prices.txt': 'bread 2.50\ncroissant 1.60\n',
        '/srv/git': { type: 'dir', owner: 'learner' },
      },
      steps: [
        {
          title: 'Publish the project',
          instructions:
            'Set your git identity if needed, and commit everything in `~/bakery` (`git init`, `git add`, ' +
            '`git commit`). Create the shared repository with `git init --bare /srv/git/bakery.git` (bare: no work ' +
            'tree, only history, made to be pushed to), name it `origin` with `git remote add`, and send your ' +
            'branch there with `git push -u origin master` (`-u` makes `master` track `origin/master`).',
          checks: [
            {
              kind: 'git-remote',
              path: '~/bakery',
              url: '/srv/git/bakery.git',
              branch: 'master',
              message: '~/bakery has origin = /srv/git/bakery.git, and master tracks origin/master',
            },
            {
              kind: 'git-pushed',
              path: '~/bakery',
              branch: 'master',
              file: 'prices.txt',
              text: 'bread 2.50',
              message: 'The server has your commit with prices.txt',
            },
            { kind: 'ran', command: 'git', operands: ['push'], message: 'git push sent it' },
          ],
          hints: [
            '`git remote -v` lists the remotes; `git remote add origin /srv/git/bakery.git` adds one.',
            'A first push names the remote and the branch: `git push -u origin master`. Then `git status` says "up to date with \'origin/master\'".',
            '`cd ~/bakery && git init && git add . && git commit -m "The site" && git init --bare /srv/git/bakery.git && git remote add origin /srv/git/bakery.git && git push -u origin master`',
          ],
        },
        {
          title: "Alex's clone, Alex's change",
          instructions:
            'Be Alex: `git clone /srv/git/bakery.git ~/alex` makes a copy with the whole history, its `origin` ' +
            'already set. In `~/alex`, raise the croissant to 1.80 in `prices.txt`, commit, and `git push`.',
          checks: [
            {
              kind: 'git-remote',
              path: '~/alex',
              url: '/srv/git/bakery.git',
              branch: 'master',
              message: '~/alex is a clone of /srv/git/bakery.git',
            },
            {
              kind: 'git-pushed',
              path: '~/alex',
              branch: 'master',
              file: 'prices.txt',
              text: 'croissant 1.80',
              message: "Alex's new croissant price is on the server",
            },
          ],
          hints: [
            '`git clone URL DIR` copies the repository into DIR; `cd ~/alex` and `git log --oneline` shows your commit.',
            "`sed -i 's/croissant 1.60/croissant 1.80/' prices.txt`, `git commit -am \"...\"`, then `git push`: a clone's branch already tracks origin.",
            '`git clone /srv/git/bakery.git ~/alex && cd ~/alex && sed -i \'s/croissant 1.60/croissant 1.80/\' prices.txt && git commit -am "Croissants up" && git push`',
          ],
        },
        {
          title: 'Your change meets theirs',
          instructions:
            "Back in `~/bakery`, you did not see Alex's push. Add the line `<p>Open on Sundays</p>` to " +
            '`index.html`, commit, and `git push`: the server refuses, it has a commit you do not have. Bring it in ' +
            'with `git pull --no-rebase` (a merge commit joins both lines of work; plain `git pull` asks you to ' +
            'choose), then push again.',
          checks: [
            {
              kind: 'git-up-to-date',
              path: '~/bakery',
              message: "~/bakery has Alex's commit (nothing left to pull)",
            },
            {
              kind: 'git-pushed',
              path: '~/bakery',
              branch: 'master',
              file: 'index.html',
              text: '<p>Open on Sundays</p>',
              message: 'The server has your Sunday opening',
            },
            {
              kind: 'git-pushed',
              path: '~/bakery',
              branch: 'master',
              file: 'prices.txt',
              text: 'croissant 1.80',
              message: "The server still has Alex's croissant price",
            },
            { kind: 'git-clean', path: '~/bakery', message: 'Nothing is left to commit in ~/bakery' },
          ],
          hints: [
            '"Updates were rejected because the remote contains work that you do not have locally": fetch it and join it to yours before pushing.',
            '`git pull --no-rebase` fetches origin/master and merges it: a merge commit. `git status` then says you are ahead by 2 commits.',
            '`cd ~/bakery && echo "<p>Open on Sundays</p>" >> index.html && git commit -am "Open on Sundays"; git push; git pull --no-rebase && git push`',
          ],
        },
      ],
      recap:
        'You can work with others through a shared repository: `git init --bare` makes one, `git remote add origin` ' +
        'and `git push -u origin master` publish a project, `git clone` copies one with its history, `git push` ' +
        'sends your commits, and when the server has work you lack, `git pull` (fetch + merge) brings it in first. ' +
        '`git status` and `git branch -vv` say how far ahead or behind `origin` you are.',
      solution: [
        ...IDENTITY,
        'cd ~/bakery',
        'git init',
        'git add .',
        'git commit -m "The site"',
        'git init --bare /srv/git/bakery.git',
        'git remote add origin /srv/git/bakery.git',
        'git push -u origin master',
        'git status',
        'git clone /srv/git/bakery.git ~/alex',
        'cd ~/alex',
        "sed -i 's/croissant 1.60/croissant 1.80/' prices.txt",
        'git commit -am "Croissants up"',
        'git push',
        'cd ~/bakery',
        'echo "<p>Open on Sundays</p>" >> index.html',
        'git commit -am "Open on Sundays"',
        'git push',
        'git pull --no-rebase',
        'git push',
        'git log --oneline',
      ],
    },
  ],
);
