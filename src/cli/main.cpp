// replylint: the command-line front end. The only code that sees argv, stdout and exit codes.
#include <fmt/format.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <iterator>
#include <system_error>

#include "cli/commands.hpp"
#include "cli/hook_commands.hpp"
#include "cli/milter_command.hpp"
#include "core/i18n.hpp"

namespace {

// A help or error text in the active language (a msgid for xgettext).
std::string tr(const char* msgid) { return replylint::core::i18n::translate(msgid); }

// The value of `--locale` before CLI11 parses anything, so that the help text is translated
// too; "" when absent. Stops at "--" (what follows belongs to the sendmail command).
std::string requested_locale(int argc, char** argv) {
  std::string locale;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "--locale" && i + 1 < argc) locale = argv[++i];
    if (arg.substr(0, 9) == "--locale=") locale = arg.substr(9);
  }
  return locale;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace replylint::cli;
  std::string locale = requested_locale(argc, argv);
  // An unknown language is not an error: the messages stay in English, and stderr says why.
  if (!replylint::core::i18n::activate(locale))
    std::cerr << fmt::format(
        "replylint: warning: no translation for '{}'; messages stay in English\n", locale);
  CLI::App app{tr(N_("replylint: a linter for email replies (Spanish, Greek, English)")),
               "replylint"};
  // CLI11's own words in the help, translated like ours; subcommands inherit them.
  app.set_help_flag("-h,--help", tr(N_("Print this help message and exit")));
  app.set_version_flag("--version", std::string(REPLYLINT_VERSION),
                       tr(N_("Display program version information and exit")));
  app.option_defaults()->group(tr(N_("Options")));
  app.group(tr(N_("Subcommands")));
  for (const char* label : {N_("Usage"), N_("OPTIONS"), N_("Positionals"), N_("REQUIRED")})
    app.get_formatter()->label(label, tr(label));
  app.require_subcommand(1);
  app.fallthrough();

  CommonOptions common;
  app.add_option("--rules-dir", common.rules_dir,
                 tr("folder of rule data (default: the bundled rules/)"))
      ->type_name("DIR");
  app.add_option("--locale", locale,
                 tr(N_("language of messages, help and explain: es, el or en (default: "
                       "LANGUAGE, LC_ALL, LC_MESSAGES or LANG)")))
      ->type_name("LANG");

  CheckOptions check;
  CLI::App* check_cmd = app.add_subcommand("check", tr("lint drafts and print a report"));
  check_cmd
      ->add_option("paths", check.paths,
                   tr("files, folders (recursive: *.eml, *.txt or the config's include globs) or - "
                      "for stdin"))
      ->required();
  check_cmd
      ->add_option("--format", check.format,
                   tr("report format (sarif: SARIF 2.1.0; github: workflow annotations)"))
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}))
      ->default_str("text");
  check_cmd
      ->add_option("--config", check.config_file,
                   tr("use this config instead of finding .replylint.toml"))
      ->type_name("FILE");
  check_cmd->add_option("--lang", check.language, tr("language of every paragraph"))
      ->check(CLI::IsMember({"es", "el", "en"}));
  check_cmd
      ->add_option("--dict-dir", check.dict_dir, tr("look for Hunspell dictionaries here first"))
      ->type_name("DIR");
  check_cmd->add_option("--stdin-filename", check.stdin_filename,
                        tr("name stdin as this file (config and overrides apply as for it)"));
  check_cmd
      ->add_option("--fail-on", check.fail_on, tr("lowest severity that makes the exit status 1"))
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->default_str("warning");
  check_cmd->add_flag("--exit-zero", check.exit_zero, tr("exit 0 even when something is found"));
  check_cmd->add_option("--color", check.color, tr("colour the text report"))
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_str("auto");
  check_cmd
      ->add_option("--jobs,-j", check.jobs, tr("files checked in parallel (default: every core)"))
      ->type_name("N")
      ->check(CLI::Range(1u, 1024u));
  check_cmd->add_option("--baseline", check.baseline,
                        tr("ignore the findings recorded in this baseline file"));
  check_cmd->add_option("--write-baseline", check.write_baseline,
                        tr("record today's findings in this baseline file (and pass)"));
  check_cmd->add_flag(
      "--force-exclude", check.force_exclude,
      tr("apply the config's exclude globs to files named on the command line too"));
  check_cmd->add_flag("--fix", check.fix, tr("apply safe fixes and write the files back"));
  check_cmd->add_flag("--unsafe-fixes", check.unsafe_fixes,
                      tr("with --fix or --diff: apply unsafe fixes too"));
  check_cmd->add_flag("--diff", check.diff,
                      tr("print the fixes as a unified diff and write nothing (exit 1 if any)"));
  check_cmd
      ->add_option("--mbox-format", check.mbox_format,
                   tr("read mbox files as this format (default: mboxrd, and a file of one message "
                      "stays a plain file)"))
      ->check(CLI::IsMember({"mboxrd", "mboxo", "mboxcl2"}));
  CLI::Option* check_max_size =
      check_cmd
          ->add_option("--max-size", check.max_size,
                       tr("largest input checked (default 25MB; 0: no limit)"))
          ->type_name("SIZE")
          ->transform(CLI::AsSizeValue(false));

  ParseOptions parse;
  CLI::App* parse_cmd = app.add_subcommand("parse", tr("print the message model the linter sees"));
  parse_cmd->add_option("path", parse.path, tr("a file, or - for stdin"))->required();
  parse_cmd->add_option("--format", parse.format, tr("output format"))
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  parse_cmd->add_option("--lang", parse.language, tr("language of every paragraph"))
      ->check(CLI::IsMember({"es", "el", "en"}));
  parse_cmd
      ->add_option("--max-size", parse.max_size,
                   tr("largest input read (default 25MB; 0: no limit)"))
      ->type_name("SIZE")
      ->transform(CLI::AsSizeValue(false));

  std::string rules_format = "text";
  CLI::App* rules_cmd = app.add_subcommand("rules", tr("list every rule"));
  rules_cmd->add_option("--format", rules_format, tr("output format"))
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");

  std::string explain_id;
  CLI::App* explain_cmd = app.add_subcommand("explain", tr("print a rule's documentation"));
  explain_cmd->add_option("rule", explain_id, tr("rule id, e.g. shouting"))->required();

  // The pre-send hook. Everything after the first "--" is the real sendmail command, passed on
  // untouched, so CLI11 never sees it; usage errors exit 64 (EX_USAGE) as a sendmail does.
  const SendmailSplit split = split_sendmail_command(argc, argv);
  SendmailOptions sendmail;
  sendmail.command = split.command;
  CLI::App* sendmail_cmd =
      app.add_subcommand("sendmail", tr("lint a message on stdin, then pipe it to the real "
                                        "sendmail: sendmail [options] -- COMMAND..."));
  sendmail_cmd
      ->add_option("--config", sendmail.config_file,
                   tr("use this config instead of finding .replylint.toml"))
      ->type_name("FILE");
  sendmail_cmd->add_option("--lang", sendmail.language, tr("language of every paragraph"))
      ->check(CLI::IsMember({"es", "el", "en"}));
  sendmail_cmd
      ->add_option("--dict-dir", sendmail.dict_dir, tr("look for Hunspell dictionaries here first"))
      ->type_name("DIR");
  sendmail_cmd
      ->add_option("--fail-on", sendmail.fail_on, tr("lowest severity that stops the message"))
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->default_str("warning");
  sendmail_cmd
      ->add_option("--on-error", sendmail.on_error,
                   tr("when replylint itself fails: refuse (exit 70) or send unchecked"))
      ->check(CLI::IsMember({"refuse", "send"}))
      ->default_str("refuse");
  sendmail_cmd->add_flag("--no-verify", sendmail.no_verify,
                         tr("send without linting (also REPLYLINT_SKIP=1)"));
  CLI::Option* sendmail_max_size =
      sendmail_cmd
          ->add_option("--max-size", sendmail.max_size,
                       tr("largest message checked; a larger one counts as replylint failing "
                          "(default 25MB)"))
          ->type_name("SIZE")
          ->transform(CLI::AsSizeValue(false));

  InstallHookOptions install_hook;
  CLI::App* install_hook_cmd =
      app.add_subcommand("install-hook", tr("install a pre-send hook in this repository"));
  install_hook_cmd
      ->add_option("kind", install_hook.kind,
                   tr("which hook: git-send-email (.git/hooks/sendemail-validate)"))
      ->required()
      ->check(CLI::IsMember({"git-send-email"}));
  install_hook_cmd->add_flag("--force", install_hook.force, tr("replace an existing hook"));

  McpOptions mcp;
  CLI::App* mcp_cmd = app.add_subcommand(
      "mcp", tr("serve the Model Context Protocol on stdio (JSON-RPC 2.0, one message a line)"));
  mcp_cmd->add_option("--dict-dir", mcp.dict_dir, tr("look for Hunspell dictionaries here first"))
      ->type_name("DIR");
  mcp_cmd
      ->add_option(
          "--allow-path", mcp.allowed_dirs,
          tr("let lint_draft read files in DIR too (repeatable; default: only the working folder)"))
      ->type_name("DIR");

  LspOptions lsp;
  CLI::App* lsp_cmd = app.add_subcommand(
      "lsp",
      tr("serve the Language Server Protocol on stdio (diagnostics, fixes, hover in editors)"));
  lsp_cmd->add_option("--dict-dir", lsp.dict_dir, tr("look for Hunspell dictionaries here first"))
      ->type_name("DIR");

  const auto milter = add_milter_command(app);
  // A subcommand's help flag is made before it takes the option defaults: group it by hand.
  for (CLI::App* command : app.get_subcommands([](CLI::App*) { return true; }))
    command->get_help_ptr()->group(tr("Options"));
  app.get_help_ptr()->group(tr("Options"));

  try {
    app.parse(split.argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? finish_output(0) : split.sendmail ? 64 : 2;
  }
  check.max_size_given = check_max_size->count() > 0;
  sendmail.max_size_given = sendmail_max_size->count() > 0;

  // The MCP server and the sendmail hook own their streams: a client that has gone away ends
  // the server quietly, and the hook's stdout belongs to the real sendmail.
  if (*mcp_cmd) return run_mcp(common, mcp);
  if (*lsp_cmd) return run_lsp(common, lsp);
  if (*sendmail_cmd) return run_sendmail(common, sendmail);
  if (*milter->command) return run_milter(common, *milter);
  int status = 2;
  try {
    if (*check_cmd)
      status = run_check(common, check);
    else if (*parse_cmd)
      status = run_parse(common, parse);
    else if (*rules_cmd)
      status = run_rules(rules_format);
    else if (*explain_cmd)
      status = run_explain(explain_id);
    else if (*install_hook_cmd)
      status = run_install_hook(install_hook);
  } catch (const std::system_error& e) {
    // fmt::print throws when stdout refuses a write it could not buffer.
    const auto error = replylint::core::i18n::fragment(
        "cannot write the report to standard output: {}", e.code().message());
    print_error(error.localized.empty() ? error.english : error.localized);
    return k_exit_error;
  }
  return finish_output(status);
}
