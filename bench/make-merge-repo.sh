#!/usr/bin/env bash
# Builds (once) a merge-heavy synthetic repository with `git fast-import`:
#   bench/make-merge-repo.sh DIR [ROUNDS] [FILES] [SEED]
# Each round branches from main, makes 1-2 commits on the side branch and 0-2 on main (each
# replacing lines of a few of the "hot" files, so both sides often change the same file), then
# merges the side branch into main: a file only one side changed is taken from it, a file both
# sides changed at different lines is merged line by line (a clean merge, as git would merge it),
# one both sides changed on the same line is resolved by hand, and some merges add an edit of their
# own. About a third of the commits are merges. FILES files in all (300 of them hot, 12 lines
# each), under directories named like protected areas (auth, payments, billing) and others.
# Defaults: 5000 rounds (about 17,500 commits), 20000 files, seed 1. Reuses DIR when the stamp
# matches. Prints DIR. Needs git and perl.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

dir=${1:?usage: make-merge-repo.sh DIR [ROUNDS] [FILES] [SEED]}
rounds=${2:-5000}
files=${3:-20000}
seed=${4:-1}
stamp="rounds=$rounds files=$files seed=$seed version=2"
bench_cached "$dir" "$stamp" && exit 0
bench_new_repo "$dir"

perl - "$rounds" "$files" "$seed" <<'PERL' | git -C "$dir" fast-import --quiet --done
use strict; use warnings;
my ($rounds, $nfiles, $seed) = @ARGV;
srand($seed);
my @modules = qw(auth payments billing web api search orders users reports admin docs tools);
my @tops = qw(src lib services prototypes);
my $nhot = 300; $nhot = $nfiles if $nhot > $nfiles;
my $lines = 12;
my @paths;
for (my $i = 0; @paths < $nfiles; $i++) {
  my $top = $tops[$i % @tops];
  my $mod = $modules[int($i / @tops) % @modules];
  my $sub = sprintf("d%02d", int($i / (@tops * @modules)) % 40);
  push @paths, "$top/$mod/$sub/f$i.txt";
}
my $time = 1600000000;
my $mark = 0;
sub data { my ($s) = @_; return "data " . length($s) . "\n$s\n"; }
sub text { my ($f) = @_; return join("", map { "$_\n" } @$f); }
sub ident { my @who = ("Pat <pat\@acme.test>", "Erin <erin\@acme.test>", "Eli <eli\@acme.test>");
            return $who[int(rand(@who))] . " " . ($time += 60) . " +0000"; }
# Contents of the hot files on main; the rest never change.
my @main = map { [ map { "file $_ line $_" } 1 .. $lines ] } 0 .. $nhot - 1;
for my $i (0 .. $#main) { $main[$i] = [ map { "file $i line $_" } 1 .. $lines ]; }

print "commit refs/heads/main\nmark :" . (++$mark) . "\ncommitter " . ident() . "\n" . data("initial");
for my $i (0 .. $#paths) {
  my $content = $i < $nhot ? text($main[$i]) : "static $i\n";
  print "M 100644 inline $paths[$i]\n" . data($content);
}
print "\n";
my $main_mark = $mark;

# A commit on BRANCH from FROM replacing random lines of 1-3 hot files in STATE (a ref to the
# contents); returns the new mark. CHANGED collects index => {line => 1}.
sub edit_commit {
  my ($branch, $from, $state, $changed) = @_;
  my $m = ++$mark;
  my $msg = "change $m" . (rand() < 0.2 ? "\n\nReviewed-by: Erin <erin\@acme.test>" : "");
  print "commit refs/heads/$branch\nmark :$m\nauthor " . ident() . "\ncommitter " . ident() . "\n" . data($msg);
  print "from :$from\n";
  for (1 .. 1 + int(rand(3))) {
    my $f = int(rand($nhot));
    my $l = int(rand($lines));
    $state->{$f} //= [ @{$main[$f]} ];
    $state->{$f}[$l] = "edit $m $f $l";
    $changed->{$f}{$l} = 1;
    print "M 100644 inline $paths[$f]\n" . data(text($state->{$f}));
  }
  print "\n";
  return $m;
}

for my $r (1 .. $rounds) {
  my $base_mark = $main_mark;
  my %base = ();  # lazily: the base version of a file is @main before this round's main edits
  my (%side, %side_changed, %mainst, %main_changed);
  my $side_mark = $base_mark;
  # The side branch starts from main's contents now.
  my @snapshot;  # files touched this round: their base contents
  my %base_of;
  my $side_state = {};
  for (1 .. 1 + int(rand(2))) { $side_mark = edit_commit("side", $side_mark, $side_state, \%side_changed); }
  for my $f (keys %$side_state) { $base_of{$f} //= [ @{$main[$f]} ]; }
  my $main_state = {};
  for (1 .. int(rand(3))) { $main_mark = edit_commit("main", $main_mark, $main_state, \%main_changed); }
  for my $f (keys %$main_state) { $base_of{$f} //= [ @{$main[$f]} ]; $main[$f] = $main_state->{$f}; }
  # The merge: first parent main, second the side branch.
  my $m = ++$mark;
  print "commit refs/heads/main\nmark :$m\nauthor " . ident() . "\ncommitter " . ident() . "\n" . data("Merge side $r");
  print "from :$main_mark\nmerge :$side_mark\n";
  for my $f (sort { $a <=> $b } keys %$side_state) {
    my @merged;
    if (!$main_changed{$f}) {
      @merged = @{$side_state->{$f}};
    } else {
      @merged = @{$main[$f]};
      for my $l (keys %{$side_changed{$f}}) {
        if ($main_changed{$f}{$l}) { $merged[$l] = "resolved by hand $m $f $l"; }  # a conflict
        else { $merged[$l] = $side_state->{$f}[$l]; }                               # clean
      }
    }
    $main[$f] = [ @merged ];
    print "M 100644 inline $paths[$f]\n" . data(text($main[$f]));
  }
  if (rand() < 0.1) {  # an edit of the merge's own
    my $f = int(rand($nhot));
    $main[$f][0] = "merge's own $m";
    print "M 100644 inline $paths[$f]\n" . data(text($main[$f]));
  }
  print "\n";
  $main_mark = $m;
}
print "done\n";
PERL
git -C "$dir" branch -q -D side 2>/dev/null || true
git -C "$dir" repack -q -a -d
bench_stamp "$dir" "$stamp"
echo "$dir"
