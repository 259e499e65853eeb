#!/usr/bin/env bash
# Builds (once) a synthetic git repository for benchmarks with `git fast-import`:
#   bench/make-repo.sh DIR [COMMITS] [FILES] [SEED]
# DIR gets a non-bare repository (branch main, nothing checked out) with FILES files in nested
# directories (some named like protected areas: auth, payments, billing, prototypes), then COMMITS
# commits each touching 1-5 files (modifications, some additions and deletions), a merge of a
# short side branch every 250 commits, and messages of which some carry trailers (Reviewed-by,
# Co-authored-by, Assisted-by). Defaults: 10000 commits, 50000 files, seed 1.
# Reruns with the same arguments reuse DIR (a stamp file records them). Prints DIR.
# Needs only git and perl (perl-base is essential on Debian).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

dir=${1:?usage: make-repo.sh DIR [COMMITS] [FILES] [SEED]}
commits=${2:-10000}
files=${3:-50000}
seed=${4:-1}
stamp="commits=$commits files=$files seed=$seed version=1"

bench_cached "$dir" "$stamp" && exit 0
bench_new_repo "$dir"

perl - "$commits" "$files" "$seed" <<'PERL' | git -C "$dir" fast-import --quiet --done
use strict; use warnings;
my ($commits, $nfiles, $seed) = @ARGV;
srand($seed);
my @modules = qw(auth payments billing checkout web api search catalog orders users
                 notifications reports admin shipping inventory analytics mobile infra docs tools);
my @tops = qw(src lib services apps prototypes tools/internal);
# Directory layout: top/module/subNN/ with ~100 files each.
my @paths;
my $per_dir = 100;
for (my $i = 0; scalar(@paths) < $nfiles; $i++) {
  my $top = $tops[$i % @tops];
  my $mod = $modules[int($i / @tops) % @modules];
  my $sub = sprintf('sub%02d', int($i / (@tops * @modules)));
  for my $f (0 .. $per_dir - 1) {
    last if @paths >= $nfiles;
    push @paths, sprintf('%s/%s/%s/file%03d.%s', $top, $mod, $sub, $f, ($f % 3 ? 'py' : 'c'));
  }
}
my %live = map { $_ => 1 } @paths;
my @people = (['Pat Product', 'pat@acme.test'], ['Erin Eng', 'erin@acme.test'], ['Eli Eng', 'eli@acme.test'],
              ['Sam Dev', 'sam@acme.test'], ['Copilot', '198982749+Copilot@users.noreply.github.com']);
my $time = 1600000000;
my $mark = 0;
my $added = 0;

sub data { my ($s) = @_; return 'data ' . length($s) . "\n" . $s . "\n"; }
sub message {
  my ($n) = @_;
  my $m = "Change $n: update things\n\nSome explanation of change $n.\n";
  my $r = rand();
  if ($r < 0.15) { $m .= "\nReviewed-by: Erin Eng <erin\@acme.test>\n"; }
  elsif ($r < 0.25) { $m .= "\nCo-authored-by: Claude <noreply\@anthropic.com>\nAssisted-by: Claude:opus-4\n"; }
  elsif ($r < 0.30) { $m .= "\nSigned-off-by: Sam Dev <sam\@acme.test>\nReviewed-by: Eli Eng <eli\@acme.test>\n"; }
  return $m;
}
sub header {
  my ($ref, $n) = @_;
  my $p = $people[int(rand(@people))];
  $time += 60;
  $mark++;
  return "commit $ref\nmark :$mark\nauthor $p->[0] <$p->[1]> $time +0000\n"
       . "committer $p->[0] <$p->[1]> $time +0000\n" . data(message($n));
}
sub changes {
  my $out = '';
  my $k = 1 + int(rand(5));
  for (1 .. $k) {
    my $r = rand();
    if ($r < 0.08) {
      my $base = $paths[int(rand(@paths))];
      $base =~ s{/[^/]+$}{};
      my $p = sprintf('%s/new%05d.py', $base, $added++);
      push @paths, $p; $live{$p} = 1;
      $out .= "M 100644 inline $p\n" . data("new file $p\n");
    } elsif ($r < 0.12) {
      my $i = int(rand(@paths));
      my $p = $paths[$i];
      next unless $live{$p};
      delete $live{$p};
      $out .= "D $p\n";
    } else {
      my $p = $paths[int(rand(@paths))];
      next unless $live{$p};
      $out .= "M 100644 inline $p\n" . data("content of $p at " . rand() . "\n");
    }
  }
  return $out;
}

# The initial tree.
print header('refs/heads/main', 0);
for my $p (@paths) { print "M 100644 inline $p\n", data("initial content of $p\n"); }
print "\n";
my $main = $mark;
for my $n (1 .. $commits - 1) {
  if ($n % 250 == 0 && $n > 10) {
    # A short side branch from the current tip, merged back with --no-ff.
    my $fork = $main;
    my $side = $fork;
    for my $s (1 .. 3) {
      print header('refs/heads/side', "$n-side$s"), "from :$side\n", changes(), "\n";
      $side = $mark;
    }
    print header('refs/heads/main', "$n-merge"), "from :$main\nmerge :$side\n\n";
    $main = $mark;
    next;
  }
  print header('refs/heads/main', $n), "from :$main\n", changes(), "\n";
  $main = $mark;
}
print "done\n";
PERL

git -C "$dir" branch -q -D side 2>/dev/null || true
bench_stamp "$dir" "$stamp"
echo "$dir"
