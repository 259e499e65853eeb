// PLACEHOLDER: replaced by the real command. Registers the subcommand so the binary links.
#include "modes/modes.h"
#include "util/error.h"
namespace laneguard {
void register_install(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("install", "(not built yet)")->allow_extras();
  cmd->callback([&exit_code] { throw UsageError("'install' is not built yet"); });
  (void)exit_code;
}
}  // namespace laneguard
