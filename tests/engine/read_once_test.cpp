// Engine::check_all checks a small plain file from the bytes its mailbox probe read, not by
// opening it again: every report must be the one check_file (which reads the file itself) gives,
// for every kind of file, error and limit.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/run.hpp"
#include "data/data.hpp"
#include "engine/engine.hpp"
#include "report/render.hpp"
#include "report/report.hpp"

using namespace replylint;
using test::scratch_dir;

namespace {

const std::string k_draft =
    "From: Ana <ana@example.es>\nTo: Luis <luis@example.es>\nSubject: Re: el informe\n\n"
    "Hola Luis,\n\nGRACIAS POR EL INFORME, LO REVISO HOY MISMO.\n\nAna\n";

void write(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::string json_of(std::vector<report::FileReport> files) {
  report::Report report;
  report.files = std::move(files);
  return report::render_json(report, 1);
}

engine::Input input_for(const std::filesystem::path& path) {
  engine::Input input;
  input.path = path.string();
  return input;
}

}  // namespace

TEST_CASE("check_all reports a plain file as check_file does, read whole by the probe or not",
          "[engine]") {
  const std::filesystem::path dir = scratch_dir("read-once");
  std::filesystem::create_directories(dir / "limited");
  write(dir / "limited" / ".replylint.toml", "max-size = \"1KB\"\n");
  // Past the size the probe reads whole (256 KiB), so the file is read again as a stream.
  const std::string long_body = k_draft + std::string(300 * 1024, 'a') + "\n";

  write(dir / "draft.eml", k_draft);
  write(dir / "empty.eml", "");
  write(dir / "blank.txt", "\n  \n\t\n");
  write(dir / "binary.eml", "\x89PNG\r\n\x1a\n" + std::string(64, '\0'));
  write(dir / "one-message.eml", "From ana@example.es Mon Jan  1 10:00:00 2024\n" + k_draft);
  write(dir / "long.txt", long_body);
  write(dir / "limited" / "small-over.txt", k_draft + std::string(3000, 'x') + "\n");
  write(dir / "limited" / "long-over.txt", long_body);
  write(dir / "limited" / "within.txt", k_draft);
  REQUIRE(::mkfifo((dir / "pipe.eml").c_str(), 0644) == 0);
  std::filesystem::create_directories(dir / "folder.eml");

  engine::Engine engine(data::default_data(), engine::Options{});
  std::vector<engine::Input> inputs;
  std::vector<report::FileReport> expected;
  for (const char* name : {"draft.eml", "empty.eml", "blank.txt", "binary.eml", "one-message.eml",
                           "long.txt", "limited/small-over.txt", "limited/long-over.txt",
                           "limited/within.txt", "pipe.eml", "folder.eml", "missing.eml"}) {
    inputs.push_back(input_for(dir / name));
    expected.push_back(engine.check_file(inputs.back().path));
    INFO(name);
    CHECK(json_of(engine.check_all({inputs.back()}, 1)) == json_of({expected.back()}));
  }
  // Serial or on several jobs, all at once: the same reports in the same order.
  CHECK(json_of(engine.check_all(inputs, 1)) == json_of(expected));
  CHECK(json_of(engine.check_all(inputs, 3)) == json_of(expected));

  // What those reports say, so that both paths going wrong alike does not pass.
  const std::string config = (dir / "limited" / ".replylint.toml").string();
  const auto error_of = [&](std::size_t i) { return expected.at(i).error; };
  CHECK(error_of(0).empty());
  CHECK_FALSE(expected[0].findings.empty());
  CHECK(error_of(1) == "empty file");
  CHECK(error_of(2) == "empty file: only blank lines");
  CHECK(error_of(3) == "not a text message: binary data");
  CHECK(error_of(4).empty());
  CHECK_FALSE(expected[4].mailbox.has_value());
  CHECK(error_of(5).empty());
  CHECK(error_of(6).starts_with("over the size limit of 1 KB (max-size in "));
  CHECK(error_of(6).ends_with("); not checked"));
  CHECK(error_of(7) == error_of(6));
  CHECK(error_of(8).empty());
  CHECK(error_of(9) == "cannot read: not a regular file (pipe it to '-' instead)");
  CHECK(error_of(10) == "cannot read: is a directory");
  CHECK(error_of(11) == "cannot read: no such file");
  std::filesystem::remove_all(dir);
}

TEST_CASE("the probe that reads a small file whole still finds its mailboxes", "[engine]") {
  const std::filesystem::path dir = scratch_dir("read-once-mbox");
  const std::string separator = "From ana@example.es Mon Jan  1 10:00:00 2024\n";
  write(dir / "two.eml", separator + k_draft + "\n" + separator + k_draft);
  write(dir / "one.eml", separator + k_draft);
  write(dir / "empty.mbox", "");

  engine::Engine engine(data::default_data(), engine::Options{});
  CHECK(engine.is_mailbox(input_for(dir / "two.eml")));
  CHECK_FALSE(engine.is_mailbox(input_for(dir / "one.eml")));
  CHECK(engine.is_mailbox(input_for(dir / "empty.mbox")));

  const auto reports = engine.check_all(
      {input_for(dir / "two.eml"), input_for(dir / "one.eml"), input_for(dir / "empty.mbox")}, 1);
  REQUIRE(reports.size() == 4);
  CHECK(reports[0].mailbox.has_value());
  CHECK(reports[1].mailbox.has_value());
  CHECK(reports[1].mailbox->index == 2);
  CHECK_FALSE(reports[2].mailbox.has_value());
  CHECK(reports[2].error.empty());
  CHECK(reports[3].warnings == std::vector<std::string>{"the mailbox holds no messages"});
  std::filesystem::remove_all(dir);
}
