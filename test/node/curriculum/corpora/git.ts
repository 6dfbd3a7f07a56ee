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
};
