// `replylint milter`: the mail server's filter (src/milter/). Only option parsing lives here.
#include "cli/milter_command.hpp"

#include "core/i18n.hpp"

namespace replylint::cli {
namespace {

// A help text in the active language (a msgid for xgettext).
std::string tr(const char* msgid) { return core::i18n::translate(msgid); }

}  // namespace

std::unique_ptr<MilterCommand> add_milter_command(CLI::App& app) {
  auto milter = std::make_unique<MilterCommand>();
  milter->command = app.add_subcommand(
      "milter", tr("serve the milter protocol: lint the organisation's outgoing mail in Postfix"));
  milter->command
      ->add_option("--config", milter->options.config_file,
                   tr("the config with the lint settings and the [milter] section"))
      ->type_name("FILE")
      ->required();
  milter->command
      ->add_option("--socket", milter->options.socket,
                   tr("unix:PATH or inet:PORT@HOST (default: [milter] socket)"))
      ->type_name("SPEC");
  milter->command->add_option("--lang", milter->options.language, tr("language of every paragraph"))
      ->check(CLI::IsMember({"es", "el", "en"}));
  milter->command
      ->add_option("--dict-dir", milter->options.dict_dir,
                   tr("look for Hunspell dictionaries here first"))
      ->type_name("DIR");
  return milter;
}

int run_milter(const CommonOptions& common, MilterCommand& milter) {
  milter.options.rules_dir = common.rules_dir;
  return milter::serve(milter.options);
}

}  // namespace replylint::cli
