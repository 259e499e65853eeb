// laneguard install [--server] [--uninstall] [REPO]: the hooks, installed where git runs them
// (core.hooksPath honoured), never clobbering a hook already there (see install/git_hooks.h).
#include <iostream>

#include "git/handle.h"
#include "git/repository.h"
#include "install/git_hooks.h"
#include "install/hooks_dir.h"
#include "server/gate.h"
#include "server/history.h"
#include "server/introducer_store.h"
#include "modes/modes.h"

namespace laneguard {
namespace {

struct InstallOptions {
  std::string repo = ".";
  bool server = false;
  bool uninstall = false;
};

// git itself then refuses pushed objects it cannot check out safely (trees with ".git", "..",
// "/" in names, bad modes) before the hook runs. Said, because it changes the repository's config.
void turn_on_fsck(git_repository* repo) {
  git_config* raw = nullptr;
  git::check(git_repository_config(&raw, repo), "cannot open the repository's git config");
  git::ConfigPtr config(raw);
  int on = 0;
  if (git_config_get_bool(&on, config.get(), "receive.fsckObjects") == 0 && on) {
    std::cout << "receive.fsckObjects: already on (git checks every pushed object)\n";
    return;
  }
  git_error_clear();
  git::check(git_config_set_bool(config.get(), "receive.fsckObjects", 1), "cannot set receive.fsckObjects");
  std::cout << "receive.fsckObjects: turned on (git checks every pushed object and refuses trees no checkout "
               "can write; git config receive.fsckObjects false turns it off)\n";
}

// Commits already on the server when laneguard arrives were never pushed through its hook: record
// them as pre-existing, so that they are not "introducer unknown" (which no push can approve).
void seed_introducers(const std::string& path) {
  git::Repository repo = git::Repository::discover(path);
  std::vector<std::string> ids;
  {
    git_revwalk* raw = nullptr;
    git::check(git_revwalk_new(&raw, repo.get()), "cannot walk the history");
    git::RevwalkPtr walk(raw);
    for (const std::string& tip : server::ref_tips(repo)) {
      git_oid oid;
      git::check(git_oid_fromstr(&oid, tip.c_str()), "bad object id " + tip);
      git::check(git_revwalk_push(walk.get(), &oid), "cannot walk from " + tip);
    }
    git_oid oid;
    while (git_revwalk_next(&oid, walk.get()) == 0) ids.push_back(git::oid_hex(oid));
  }
  server::IntroducerStore store = server::IntroducerStore::for_repository(repo);
  std::size_t added = store.record(ids, server::kPreExistingIntroducer);
  std::cout << "introducers: " << added << " of the " << ids.size()
            << " commit(s) already on the server recorded as pre-existing (pushing them later can approve "
               "them; commits that arrive without the hook have an unknown introducer): "
            << store.path() << "\n";
}

int run_install(const InstallOptions& opt) {
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, opt.repo.c_str(), 0, nullptr) < 0) throw GitError("not a git repository: " + opt.repo);
  git::RepositoryPtr repo(raw);
  std::string dir = install::hooks_dir(repo.get());
  auto kinds = opt.server ? install::server_hooks() : install::local_hooks();
  auto steps = opt.uninstall ? install::uninstall_hooks(dir, kinds)
                             : install::install_hooks(dir, kinds, install::running_binary());
  for (const auto& s : steps) std::cout << s.hook << ": " << s.what << "\n";
  if (opt.server && !opt.uninstall) {
    turn_on_fsck(repo.get());
    seed_introducers(opt.repo);
  }
  if (!opt.uninstall && !opt.server)
    std::cout << "Skip once with git commit --no-verify or LANEGUARD_SKIP=1; the server still judges every push "
                 "to a protected branch.\n";
  return kExitOk;
}

}  // namespace

void register_install(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<InstallOptions>();
  CLI::App* cmd = app.add_subcommand(
      "install", "Install the git hooks (pre-commit, commit-msg, pre-push; --server: pre-receive, post-receive)");
  cmd->add_option("repo", opt->repo, "The repository (default: the one containing the current directory)");
  cmd->add_flag("--server", opt->server, "Install the server hooks (pre-receive, post-receive), e.g. in a bare repository");
  cmd->add_flag("--uninstall", opt->uninstall, "Remove laneguard's hooks and restore the ones they replaced");
  cmd->callback([opt, &exit_code] { exit_code = run_install(*opt); });
}

}  // namespace laneguard
