#!/usr/bin/env bash
# tests/team_agreement.sh [EDIT...]: prints the test team's agreement (tests/team_agreement.toml)
# with each EDIT applied, in order. The one place the team's agreement is written out; the unit
# tests (tests/testing.h team_agreement()), tests/*_lib.sh and examples/demo.sh all use it.
#
#   '[TABLE] key = value'   sets key in TABLE (replaces its line, or adds one at the table's end)
#   '[TABLE] -key'          removes key from TABLE
#   anything else           is appended at the end (new tables: '[[protected]]\nname = ...')
#
# TABLE is a header exactly as the file writes it: [agreement], [people.erin], [lanes.pm], and
# [[protected]] for the file's one protected area ("authentication"). An edit that names a table or
# key the file lacks is an error, so a variant cannot silently drift from the file.
set -euo pipefail
exec perl -e '
  my ($file, @edits) = @ARGV;
  open(my $in, "<", $file) or die "team_agreement.sh: $file: $!\n";
  my @lines = <$in>;
  my @append;
  for my $edit (@edits) {
    if ($edit =~ /\A(\[\[?[A-Za-z0-9_.-]+\]\]?)[ \t]+(\S[^\n]*)\z/) {
      my ($header, $change) = ($1, $2);
      my ($start) = grep { $lines[$_] =~ /^\Q$header\E\s*$/ } 0 .. $#lines;
      die "team_agreement.sh: no table $header in $file\n" unless defined $start;
      my $end = $start + 1;
      $end++ while $end < @lines && $lines[$end] !~ /^\[/;
      my ($key) = $change =~ /\A-?\s*([A-Za-z0-9_-]+)/ or die "team_agreement.sh: cannot read edit: $edit\n";
      my ($at) = grep { $lines[$_] =~ /^\s*\Q$key\E\s*=/ } $start + 1 .. $end - 1;
      if ($change =~ /\A-/) {
        die "team_agreement.sh: no key $key in $header\n" unless defined $at;
        splice(@lines, $at, 1);
      } elsif (defined $at) {
        $lines[$at] = "$change\n";
      } else {
        $end-- while $end > $start + 1 && $lines[$end - 1] =~ /^\s*$/;
        splice(@lines, $end, 0, "$change\n");
      }
    } else {
      push @append, "$edit\n";
    }
  }
  print @lines, @append;
' "$(dirname "${BASH_SOURCE[0]}")/team_agreement.toml" "$@"
