#pragma once

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "milter/milter.hpp"

namespace replylint::cli {

/// `replylint milter`'s subcommand and the options it fills.
struct MilterCommand {
  CLI::App* command = nullptr;
  milter::ServeOptions options;
};

/// Adds `milter` to `app`. The returned object must outlive app.parse() (its options are bound).
std::unique_ptr<MilterCommand> add_milter_command(CLI::App& app);

/// Runs the milter until a signal stops it; the exit status of milter::serve().
int run_milter(const CommonOptions& common, MilterCommand& milter);

}  // namespace replylint::cli
