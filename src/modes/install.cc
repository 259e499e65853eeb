// laneguard install [--server] [--uninstall] [--manager=...] [REPO]: the hooks, installed where git
// runs them (core.hooksPath honoured), never clobbering a hook already there (install/git_hooks.h);
// in a repository whose hooks husky, lefthook or the pre-commit framework write, the way that tool
// expects (install/manager.h).
#include <fstream>
#include <iostream>
#include <sstream>

#include "git/handle.h"
#include "git/repository.h"
#include "install/git_hooks.h"
#include "install/hooks_dir.h"
#include "install/husky.h"
#include "install/lefthook.h"
#include "install/manager.h"
#include "install/pre_commit_framework.h"
#include "install/run_program.h"
#include "local/run_git.h"
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
  std::string manager = "auto";
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

void print(const std::vector<install::InstallStep>& steps) {
  for (const auto& s : steps) std::cout << s.hook << ": " << s.what << "\n";
}

// The binary a manager's hooks call: `git config laneguard.binary` in the repository's own config.
void record_binary(const std::string& top, bool uninstall) {
  if (!uninstall) {
    std::string binary = install::running_binary();
    local::run_git({"-C", top, "config", "--local", "laneguard.binary", binary});
    std::cout << "git config laneguard.binary: " << binary << " (the hooks run it; LANEGUARD_BIN overrides it)\n";
    return;
  }
  try {
    local::run_git({"-C", top, "config", "--local", "--unset", "laneguard.binary"});
    std::cout << "git config laneguard.binary: removed\n";
  } catch (const GitError&) {  // not set
  }
}

int install_with_husky(const install::Detection& d, const std::string& top, const std::string& dir, bool uninstall) {
  auto kinds = install::local_hooks();
  print(install::release_hooks(dir, kinds));
  print(uninstall ? install::uninstall_husky(d.husky_dir, kinds) : install::install_husky(d.husky_dir, kinds));
  record_binary(top, uninstall);
  if (!uninstall && !d.active)
    std::cout << "husky has not set core.hooksPath in this clone yet: run `npx husky` (npm install runs it through "
                 "the `prepare` script); until then git runs the hooks in " << dir << "\n";
  if (!uninstall)
    std::cout << "The block in " << d.husky_dir << "/HOOK runs laneguard first; husky's own runs leave it alone. "
                 "Commit those scripts to share it (a clone without laneguard skips it with a note).\n";
  return kExitOk;
}

int install_with_lefthook(const std::string& top, const std::string& dir, bool uninstall) {
  auto kinds = install::local_hooks();
  print(install::release_hooks(dir, kinds));
  install::LefthookResult r = uninstall ? install::uninstall_lefthook(top, kinds) : install::install_lefthook(top, kinds);
  print(r.steps);
  record_binary(top, uninstall);
  for (const auto& note : r.notes) std::cout << note << "\n";
  return kExitOk;
}

int install_with_pre_commit(const std::string& top, const std::string& dir, bool uninstall) {
  std::string config_path = top + "/.pre-commit-config.yaml";
  std::ifstream in(config_path);
  std::ostringstream config;
  config << in.rdbuf();
  if (uninstall) {
    print(install::release_hooks(dir, install::local_hooks()));
    if (install::pre_commit_config_has_laneguard(config.str()))
      std::cout << config_path << ": still has laneguard's hooks; laneguard does not edit it: remove them there, then "
                << install::kPreCommitInstall << "\n";
    return kExitOk;
  }
  if (install::pre_commit_config_has_laneguard(config.str())) {
    std::cout << config_path << ": has laneguard's hooks already; nothing written. If the framework's hooks are not "
              << "installed yet: " << install::kPreCommitInstall << "\n";
    return kExitOk;
  }
  std::string binary = install::running_binary();
  std::string on_path = install::find_on_path("laneguard");
  std::cerr << "laneguard install: this repository's hooks belong to the pre-commit framework, and `pre-commit "
               "install` replaces the hooks in " << dir << ": laneguard wrote nothing there, and does not edit "
            << config_path << ". Add this entry under `repos:` in it (printed on stdout):\n";
  std::cout << install::pre_commit_local_entry(install::pre_commit_version());
  std::cerr << "then run: " << install::kPreCommitInstall << "\n"
            << "(language: system runs `laneguard` from PATH; "
            << (on_path.empty() ? "none is on PATH now, this one is " + binary
                                : "on PATH now: " + on_path)
            << ". laneguard install --manager=none installs plain git hooks instead, which the next `pre-commit "
               "install` replaces.)\n";
  return kExitUsage;
}

int run_install(const InstallOptions& opt) {
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, opt.repo.c_str(), 0, nullptr) < 0) throw GitError("not a git repository: " + opt.repo);
  git::RepositoryPtr repo(raw);
  install::Manager forced = install::parse_manager(opt.manager);
  std::string dir = install::hooks_dir(repo.get());
  if (opt.server && forced != install::Manager::kAuto && forced != install::Manager::kNone)
    throw UsageError("--manager is for the local hooks; the server hooks (--server) are plain git hooks");
  install::Detection d;
  if (!opt.server && !git_repository_is_bare(repo.get())) {
    std::string top = install::hooks_cwd(repo.get());
    d = forced == install::Manager::kAuto ? install::detect_manager(top, dir) : install::forced_manager(forced, top, dir);
    // Under the pre-commit framework stdout carries only the entry to paste.
    bool refusing = d.manager == install::Manager::kPreCommit && !opt.uninstall;
    if (d.manager != install::Manager::kNone)
      (refusing ? std::cerr : std::cout) << "hook manager: " << install::manager_name(d.manager) << " (" << d.why << "; --manager=none for plain git hooks)\n";
    int rc = kExitOk;
    switch (d.manager) {
      case install::Manager::kHusky: rc = install_with_husky(d, top, dir, opt.uninstall); break;
      case install::Manager::kLefthook: rc = install_with_lefthook(top, dir, opt.uninstall); break;
      case install::Manager::kPreCommit: return install_with_pre_commit(top, dir, opt.uninstall);
      default: rc = -1;
    }
    if (rc != -1) {
      if (!opt.uninstall)
        std::cout << "Skip once with git commit --no-verify or LANEGUARD_SKIP=1; the server still judges every push "
                     "to a protected branch.\n";
      return rc;
    }
  }
  auto kinds = opt.server ? install::server_hooks() : install::local_hooks();
  auto steps = opt.uninstall ? install::uninstall_hooks(dir, kinds)
                             : install::install_hooks(dir, kinds, install::running_binary());
  print(steps);
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
  cmd->add_option("--manager", opt->manager,
                  "Who owns the hooks: auto (detect husky, lefthook, the pre-commit framework), none (plain git "
                  "hooks), husky, lefthook, pre-commit")
      ->check(CLI::IsMember({"auto", "none", "husky", "lefthook", "pre-commit"}));
  cmd->callback([opt, &exit_code] { exit_code = run_install(*opt); });
}

}  // namespace laneguard
