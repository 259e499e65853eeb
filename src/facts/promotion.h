// Evidence that a commit copies code out of a prototype lane (plain facts for the
// prototype-promotion rule). Gathered by the git adapter (git/promotion_scan.h), which reads the
// blobs; judged by the evaluator (core/promotion.h) against the agreement's [promotion] table.
#pragma once
#include <string>
#include <vector>

namespace laneguard {

// 1-based, inclusive line numbers in a file.
struct LineSpan {
  int first = 0;
  int last = 0;
};

// A run of consecutive non-trivial lines of the destination file that stand, in the same order,
// in one source file (whitespace-normalised; trivial lines skipped on both sides).
struct CopiedRun {
  std::string source;   // the from-lane file's path
  LineSpan source_lines;
  LineSpan lines;       // in the destination file
  int length = 0;       // non-trivial lines in the run
  int added = 0;        // of them, added by this commit (a run always has at least one)
};

// One destination file (a path of the commit owned by a lane other than the prototype lanes)
// whose content comes, in whole or in part, from a prototype lane's file.
struct CopyEvidence {
  std::string path;
  // The same blob as a from-lane file of the parent tree or of the commit itself (empty: none);
  // `moved`: that file is deleted by the same commit (a rename or move).
  std::string exact_source;
  bool moved = false;
  int added = 0;    // non-trivial lines the commit adds to the file
  int matched = 0;  // of them, lines that stand in some from-lane file
  std::vector<CopiedRun> runs;  // the longest first (at most a few)
  // The from-lane files holding most of the matched lines, with how many each holds.
  std::vector<std::pair<std::string, int>> sources;
};

}  // namespace laneguard
