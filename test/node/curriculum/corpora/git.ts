import type { LabCorpus } from './corpus.js';

const ID = ['git config --global user.name "Sam Cook"', 'git config --global user.email sam@example.com'];

export const git: Record<string, LabCorpus> = {
  'git-first-commit': [
    {
      accept: [[...ID, 'cd ~/recipes', 'git init'], [...ID, 'git init ~/recipes'], ['git config --global user.email sam@example.com', 'cd recipes', 'git init -q']],
      refuse: [
        [...ID, 'mkdir -p ~/recipes/.git', 'echo "ref: refs/heads/master" > ~/recipes/.git/HEAD'],
        [...ID, 'git init'],
        ['cd ~/recipes', 'git init'],
        [...ID, 'echo git init ~/recipes'],
      ],
    },
    {
      setup: [...ID, 'cd ~/recipes', 'git init -q'],
      accept: [['git add pancakes.txt soup.txt', 'git commit -m "Add the recipes"'], ['git add .', 'git commit -m first'], ['git add -A', 'git commit -qm "Recipes"'], ['git add *.txt', 'git commit --message=Recipes']],
      refuse: [['git add pancakes.txt', 'git commit -m "Pancakes"'], ['git add .'], ['git commit -m "nothing staged"'], ['git commit -am "not tracked yet"'], ['echo "[master] Add the recipes"']],
    },
    {
      setup: [...ID, 'cd ~/recipes', 'git init -q', 'git add .', 'git commit -qm first'],
      accept: [
        ['echo "- maple syrup" >> pancakes.txt', 'git commit -am "Syrup"'],
        ["printf -- '- maple syrup\\n' >> pancakes.txt", 'git add pancakes.txt', 'git commit -m "Syrup"'],
        ['echo "- maple syrup" >> pancakes.txt', 'git diff', 'git add .', 'git commit -m "Syrup"', 'git log --oneline'],
      ],
      refuse: [
        ['echo "- maple syrup" >> pancakes.txt', 'git add pancakes.txt'],
        ['echo "- maple syrup" >> pancakes.txt', 'git commit -am "Syrup"', 'echo "- butter" >> pancakes.txt'],
        ['echo "- maple syrup" > pancakes.txt', 'git commit -am "Syrup"'],
        ['echo "- maple syrup" >> soup.txt', 'git commit -am "Syrup"'],
        ['echo "- maple syrup" >> pancakes.txt'],
      ],
    },
  ],
  'git-branch-merge': [
    {
      setup: ID,
      accept: [
        ['cd ~/site', 'git init', 'echo "*.log" > .gitignore', 'git add .', 'git commit -m "The site"'],
        ['cd ~/site', 'git init -q', "printf '*.log\\n' > .gitignore", 'git add index.html .gitignore', 'git commit -m "The site"'],
      ],
      refuse: [
        ['cd ~/site', 'git init', 'git add .', 'git commit -m "The site"'],
        ['cd ~/site', 'git init', 'echo "*.log" > .gitignore', 'git add index.html', 'git commit -m "The site"'],
        ['cd ~/site', 'git init', 'echo "*.log" > .gitignore', 'rm debug.log', 'git add .', 'git commit -m "The site"'],
        ['cd ~/site', 'git init', 'git add .', 'git commit -m "The site"', 'echo "*.log" > .gitignore', 'git add .gitignore', 'git commit -m ignore'],
      ],
    },
    {
      setup: [...ID, 'cd ~/site', 'git init -q', 'echo "*.log" > .gitignore', 'git add .', 'git commit -qm site'],
      accept: [
        ['git switch -c about', 'echo "<h1>About us</h1>" > about.html', 'git add about.html', 'git commit -m "About page"'],
        ['git checkout -b about', 'echo "<h1>About us</h1>" > about.html', 'git add .', 'git commit -m "About page"'],
        ['git branch about', 'git switch about', 'echo "<h1>About us</h1>" > about.html', 'git add about.html', 'git commit -qm About'],
      ],
      refuse: [
        ['echo "<h1>About us</h1>" > about.html', 'git add about.html', 'git commit -m "About page"', 'git branch about2'],
        ['git branch about', 'echo "<h1>About us</h1>" > about.html', 'git add about.html', 'git commit -m "About page"'],
        ['git switch -c about', 'echo "<h1>About us</h1>" > about.html'],
        ['git switch -c about', 'echo "<h1>About us</h1>" > about.html', 'git add about.html'],
      ],
    },
    {
      setup: [...ID, 'cd ~/site', 'git init -q', 'echo "*.log" > .gitignore', 'git add .', 'git commit -qm site', 'git switch -c about', 'echo "<h1>About us</h1>" > about.html', 'git add about.html', 'git commit -qm About'],
      accept: [['git switch master', 'git merge about'], ['git checkout master', 'git merge about', 'git log --oneline']],
      refuse: [
        ['git switch master'],
        ['git switch master', 'echo "<h1>About us</h1>" > about.html', 'git add about.html', 'git commit -m About'],
        ['git merge about'],
        ['git switch master', 'echo git merge about'],
      ],
    },
  ],
  'git-undo': [
    {
      setup: ID,
      accept: [
        ['cd ~/shop', 'git init', 'git add prices.txt', 'git commit -m "Price list"', "sed -i 's/milk 1.20/milk 1.30/' prices.txt", 'git commit -am "Milk up"'],
        ['git init -q ~/shop', 'cd ~/shop', 'git add prices.txt', 'git commit -qm first', "sed -i 's/1.20/1.30/' prices.txt", 'git add prices.txt', 'git commit -m second'],
      ],
      refuse: [
        ['cd ~/shop', 'git init', 'git add .', 'git commit -m "Price list"', "sed -i 's/milk 1.20/milk 1.30/' prices.txt", 'git commit -am "Milk up"'],
        ['cd ~/shop', 'git init', 'git add prices.txt', 'git commit -m "Price list"', "sed -i 's/milk 1.20/milk 1.30/' prices.txt"],
        ['cd ~/shop', 'git init', "sed -i 's/milk 1.20/milk 1.30/' prices.txt", 'git add prices.txt', 'git commit -m "Prices"'],
      ],
    },
    {
      setup: [...ID, 'cd ~/shop', 'git init -q', 'git add prices.txt', 'git commit -qm one', "sed -i 's/milk 1.20/milk 1.30/' prices.txt", 'git commit -qam two'],
      accept: [
        ['> prices.txt', 'git diff', 'git restore prices.txt'],
        ['> prices.txt', 'git checkout -- prices.txt'],
        ['echo oops > prices.txt', 'git status', 'git restore prices.txt', 'cat prices.txt'],
      ],
      refuse: [
        ['> prices.txt'],
        ['> prices.txt', "printf 'bread 2.50\\nmilk 1.30\\ncheese 4.00\\n' > prices.txt"],
        ['> prices.txt', 'git restore draft.txt'],
        ['> prices.txt', 'git add prices.txt', 'git restore prices.txt'],
        ['> prices.txt', 'echo git restore prices.txt'],
      ],
    },
    {
      setup: [...ID, 'cd ~/shop', 'git init -q', 'git add prices.txt', 'git commit -qm one', "sed -i 's/milk 1.20/milk 1.30/' prices.txt", 'git commit -qam "Milk up"'],
      accept: [
        ['git log --oneline', 'git revert --no-edit HEAD'],
        ['git revert HEAD'],
        ['git show', 'git revert HEAD~0 --no-edit', 'git log --oneline'],
      ],
      refuse: [
        ["sed -i 's/milk 1.30/milk 1.20/' prices.txt", 'git commit -am \'Revert "Milk up"\''],
        ['git reset --hard HEAD~1'],
        ['git revert --no-edit HEAD~1'],
        ['git revert --no-edit HEAD', 'git reset --hard HEAD~1'],
        ['echo git revert HEAD'],
      ],
    },
    {
      setup: [...ID, 'cd ~/shop', 'git init -q', 'git add prices.txt', 'git commit -qm one', "sed -i 's/milk 1.20/milk 1.30/' prices.txt", 'git commit -qam "Milk up"', 'git revert --no-edit HEAD >/dev/null'],
      accept: [
        ['git add draft.txt', 'git commit -m "Draft"', 'git reset HEAD~1'],
        ['git add .', 'git commit -qm Draft', 'git reset --mixed HEAD~1', 'git status'],
        ['git add draft.txt', 'git commit -m "Draft"', 'git reset --soft HEAD~1', 'git restore --staged draft.txt'],
        // --soft keeps the draft staged: the commit is gone, which is what the step asks.
        ['git add draft.txt', 'git commit -m "Draft"', 'git reset --soft HEAD~1'],
      ],
      refuse: [
        ['git add draft.txt', 'git commit -m "Draft"', 'git reset --hard HEAD~1'],
        ['git add draft.txt', 'git commit -m "Draft"', 'git rm -q --cached draft.txt', 'git commit -m "Drop the draft"'],
        ['git add draft.txt', 'git commit -m "Draft"', 'git reset HEAD~2'],
      ],
    },
  ],
  'git-conflict': [
    {
      setup: [...ID, 'cd ~/menu', 'git init -q', 'git add menu.txt', 'git commit -qm menu'],
      accept: [
        ['git switch -c summer', "sed -i 's/Soup: tomato/Soup: gazpacho/' menu.txt", 'git commit -am Gazpacho', 'git switch master', "sed -i 's/Soup: tomato/Soup: leek/' menu.txt", 'git commit -am Leek'],
        ['git branch summer', 'git checkout summer', "sed -i 's/tomato/gazpacho/' menu.txt", 'git add menu.txt', 'git commit -m Gazpacho', 'git checkout master', "sed -i 's/tomato/leek/' menu.txt", 'git add menu.txt', 'git commit -m Leek'],
      ],
      refuse: [
        ['git switch -c summer', "sed -i 's/Soup: tomato/Soup: gazpacho/' menu.txt", 'git commit -am Gazpacho', "sed -i 's/Soup: gazpacho/Soup: leek/' menu.txt", 'git commit -am Leek'],
        ['git switch -c summer', "sed -i 's/Soup: tomato/Soup: gazpacho/' menu.txt", 'git commit -am Gazpacho', 'git switch master', "sed -i 's/Soup: tomato/Soup: leek/' menu.txt"],
        ['git switch -c summer', "sed -i 's/Soup: tomato/Soup: gazpacho/' menu.txt", 'git switch master', "sed -i 's/Soup: gazpacho/Soup: leek/' menu.txt", 'git commit -am Leek'],
        ['cp .git/refs/heads/master .git/refs/heads/summer', "sed -i 's/Soup: tomato/Soup: leek/' menu.txt", 'git commit -am Leek'],
      ],
    },
    {
      setup: [...ID, 'cd ~/menu', 'git init -q', 'git add menu.txt', 'git commit -qm menu', 'git switch -qc summer', "sed -i 's/Soup: tomato/Soup: gazpacho/' menu.txt", 'git commit -qam Gazpacho', 'git switch -q master', "sed -i 's/Soup: tomato/Soup: leek/' menu.txt", 'git commit -qam Leek'],
      accept: [
        ['git merge summer', "printf 'Starter: bread\\nSoup: leek (winter), gazpacho (summer)\\nDessert: apple pie\\n' > menu.txt", 'git add menu.txt', 'git commit -m "Merge summer"'],
        ['git merge summer', "sed -i -e '/^<<<<<<< /d' -e '/^=======/d' -e '/^>>>>>>> /d' -e '/^Soup: gazpacho/d' -e 's/^Soup: leek$/Soup: leek (winter), gazpacho (summer)/' menu.txt", 'git commit -am "Both soups"'],
        ['git merge summer', 'git status', 'git merge --abort', 'git merge summer', "printf 'Starter: bread\\nSoup: leek (winter), gazpacho (summer)\\nDessert: apple pie\\n' > menu.txt", 'git add .', 'git commit -qm merged'],
      ],
      refuse: [
        ["printf 'Starter: bread\\nSoup: leek (winter), gazpacho (summer)\\nDessert: apple pie\\n' > menu.txt", 'git commit -am "Both soups"'],
        ['git merge summer', 'git add menu.txt', 'git commit -m "Merge summer"'],
        ['git merge summer', "printf 'Starter: bread\\nSoup: leek (winter), gazpacho (summer)\\nDessert: apple pie\\n' > menu.txt", 'git add menu.txt'],
        ['git reset -q --hard summer', "printf 'Starter: bread\\nSoup: leek (winter), gazpacho (summer)\\nDessert: apple pie\\n' > menu.txt", 'git commit -am "Both soups"'],
        ['git merge summer', "printf 'Starter: bread\\nSoup: leek\\nDessert: apple pie\\n' > menu.txt", 'git add menu.txt', 'git commit -m "Merge summer"'],
        ['git merge summer', "printf 'Starter: bread\\nSoup: leek (winter), gazpacho (summer)\\nDessert: apple pie\\n' > menu.txt", 'git commit -m "Merge summer"'],
      ],
    },
  ],
  'git-release': [
    {
      setup: ID,
      accept: [
        ['cd ~/greeter', 'git init', 'echo "*.tmp" > .gitignore', 'git add .', 'git commit -m "Greeter 0.9"'],
        ['cd ~/greeter', 'git init -q', "printf '*.tmp\\n' >> .gitignore", 'git add greet.sh CHANGES .gitignore', 'git commit -qm first'],
      ],
      refuse: [
        ['cd ~/greeter', 'git init', 'git add .', 'git commit -m "Greeter 0.9"'],
        ['cd ~/greeter', 'git init', 'echo "*.tmp" > .gitignore', 'rm greet.sh.tmp', 'git add .', 'git commit -m "Greeter 0.9"'],
        ['cd ~/greeter', 'git init', 'echo "*.tmp" > .gitignore', 'git add greet.sh CHANGES', 'git commit -m "Greeter 0.9"'],
      ],
    },
    {
      setup: [...ID, 'cd ~/greeter', 'git init -q', 'echo "*.tmp" > .gitignore', 'git add .', 'git commit -qm first'],
      accept: [
        ['git switch -c fix-greeting', "sed -i 's/Helo/Hello/' greet.sh", 'echo "1.0: fix the greeting" >> CHANGES', 'git commit -am "Fix the greeting"'],
        ['git checkout -b fix-greeting', "sed -i 's/Helo,/Hello,/' greet.sh", 'git commit -qam "Fix"', 'echo "1.0: fix the greeting" >> CHANGES', 'git add CHANGES', 'git commit -qm "Log it"'],
      ],
      refuse: [
        ["sed -i 's/Helo/Hello/' greet.sh", 'echo "1.0: fix the greeting" >> CHANGES', 'git commit -am "Fix the greeting"', 'git branch fix-greeting2'],
        ['git switch -c fix-greeting', "sed -i 's/Helo/Hello/' greet.sh", 'echo "1.0: fix the greeting" >> CHANGES'],
        ['git switch -c fix-greeting', "sed -i 's/Helo/Hello/' greet.sh", 'git commit -am "Fix the greeting"'],
      ],
    },
    {
      setup: [...ID, 'cd ~/greeter', 'git init -q', 'echo "*.tmp" > .gitignore', 'git add .', 'git commit -qm first', 'git switch -qc fix-greeting', "sed -i 's/Helo/Hello/' greet.sh", 'echo "1.0: fix the greeting" >> CHANGES', 'git commit -qam fix'],
      accept: [
        ['git switch master', 'echo "greet NAME: says hello to NAME" > README', 'echo "1.0: add a README" >> CHANGES', 'git add README CHANGES', 'git commit -m "Add a README"', 'git merge fix-greeting', "printf '0.9: first try\\n1.0: add a README\\n1.0: fix the greeting\\n' > CHANGES", 'git add CHANGES', 'git commit -m "Merge fix-greeting"'],
        ['git checkout master', 'echo "greet NAME: says hello to NAME" > README', 'git add README', 'git commit -qm readme', 'echo "1.0: add a README" >> CHANGES', 'git commit -qam log', 'git merge fix-greeting', "sed -i '/^[<=>]\\{7\\}/d' CHANGES", 'git status', 'git commit -am merged'],
      ],
      refuse: [
        ['git switch master', 'echo "greet NAME: says hello to NAME" > README', "printf '0.9: first try\\n1.0: add a README\\n1.0: fix the greeting\\n' > CHANGES", "sed -i 's/Helo/Hello/' greet.sh", 'git add .', 'git commit -m "Everything"'],
        ['git switch master', 'echo "greet NAME: says hello to NAME" > README', 'echo "1.0: add a README" >> CHANGES', 'git add README CHANGES', 'git commit -m "Add a README"', 'git merge fix-greeting', 'git commit -am "Merge fix-greeting"'],
        ['echo "greet NAME: says hello to NAME" > README', "printf '0.9: first try\\n1.0: add a README\\n1.0: fix the greeting\\n' > CHANGES", 'git add README CHANGES', 'git commit -m "Add a README"'],
        ['git switch master', 'echo "greet NAME: says hello to NAME" > README', 'echo "1.0: add a README" >> CHANGES', 'git add README CHANGES', 'git commit -m "Add a README"', 'git merge fix-greeting', "printf '0.9: first try\\n1.0: fix the greeting\\n' > CHANGES", 'git add CHANGES', 'git commit -m "Merge fix-greeting"'],
      ],
    },
    {
      setup: [...ID, 'cd ~/greeter', 'git init -q', 'echo "*.tmp" > .gitignore', 'git add .', 'git commit -qm first', 'git switch -qc fix-greeting', "sed -i 's/Helo/Hello/' greet.sh", 'echo "1.0: fix the greeting" >> CHANGES', 'git commit -qam fix', 'git switch -q master', 'echo "greet NAME: says hello to NAME" > README', 'echo "1.0: add a README" >> CHANGES', 'git add README CHANGES', 'git commit -qm readme', 'git merge fix-greeting >/dev/null', "printf '0.9: first try\\n1.0: add a README\\n1.0: fix the greeting\\n' > CHANGES", 'git add CHANGES', 'git commit -qm merged'],
      accept: [['git tag -a v1.0 -m "Version 1.0"'], ['git tag --annotate v1.0 --message="Release 1.0"', 'git tag', 'git show v1.0'], ['git tag -a -m "Version 1.0" v1.0 HEAD']],
      refuse: [
        ['git tag v1.0'],
        ['mkdir -p .git/refs/tags', 'cp .git/refs/heads/master .git/refs/tags/v1.0'],
        ['git tag -a v1.0 -m "Version 1.0" HEAD~1'],
        ['git tag -a v1 -m "Version 1.0"'],
        ['git tag -a v1.0 -m "Version 1.0"', 'echo "debug" >> greet.sh'],
      ],
    },
  ],
};
