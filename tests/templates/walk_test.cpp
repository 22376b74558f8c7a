// Folder walks: include/exclude globs from the config, hidden folders, links, order.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "data/data.hpp"
#include "engine/engine.hpp"
#include "run.hpp"

namespace fs = std::filesystem;
using namespace replylint;

namespace {

void write(const fs::path& path, const std::string& text = "Hola.\n") {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// The paths an Engine's walk keeps (errors as "ERROR path: message"), relative to `base`.
std::vector<std::string> walk(const std::vector<std::string>& args, const fs::path& base,
                              const fs::path& forced_config = {}, bool force_exclude = false) {
  engine::Engine engine(data::default_data(), engine::Options{forced_config, "", ""});
  const fs::path before = fs::current_path();
  fs::current_path(base);
  std::vector<engine::Input> inputs = engine.expand(args, force_exclude);
  fs::current_path(before);
  std::vector<std::string> out;
  for (const engine::Input& input : inputs)
    out.push_back(input.error.empty() ? input.path : "ERROR " + input.path + ": " + input.error);
  return out;
}

}  // namespace

TEST_CASE("a template repository is walked with its include and exclude globs", "[templates]") {
  // Kept: .tmpl through the config's include; left out: templates/drafts/** and notes/
  // (exclude), .cache/ (hidden), LEEME.md (not included).
  const std::vector<std::string> expected = {
      "templates/el/epivevaiosi-paraggelias.txt", "templates/en/welcome.tmpl",
      "templates/es/confirmacion-pedido.txt", "templates/es/respuesta-devolucion.eml",
      "templates/legal/es/condiciones.txt"};
  CHECK(walk({"."}, test::template_repo()) == expected);
  // Globs are relative to the config's folder, whatever folder is walked and from where.
  CHECK(walk({"templates"}, test::template_repo()) == expected);
  std::vector<std::string> from_above;
  for (const std::string& p : expected) from_above.push_back("repo/" + p);
  CHECK(walk({"repo"}, test::template_repo().parent_path()) == from_above);
  CHECK(walk({"templates/drafts"}, test::template_repo()) ==
        std::vector<std::string>{
            "ERROR templates/drafts: folder holds no drafts matching the include "
            "globs (default: **/*.eml, **/*.txt)"});
}

TEST_CASE("files named on the command line are always checked", "[templates]") {
  CHECK(walk({"templates/drafts/borrador.txt", "templates/es/LEEME.md", ".cache/copia.txt"},
             test::template_repo()) == std::vector<std::string>{"templates/drafts/borrador.txt",
                                                                "templates/es/LEEME.md",
                                                                ".cache/copia.txt"});
  // Named twice, or found by a walk as well: checked once.
  CHECK(walk({"templates/en/welcome.tmpl", "templates/en", "./templates/en/welcome.tmpl"},
             test::template_repo()) == std::vector<std::string>{"templates/en/welcome.tmpl"});
  // --force-exclude (pre-commit names every staged file): the exclude globs apply to them too,
  // the include globs do not.
  CHECK(walk({"templates/drafts/borrador.txt", "templates/es/LEEME.md", "notes/ideas.txt"},
             test::template_repo(), {}, true) == std::vector<std::string>{"templates/es/LEEME.md"});
  CHECK(walk({"missing.txt"}, test::template_repo()) ==
        std::vector<std::string>{"ERROR missing.txt: no such file or folder"});
}

TEST_CASE("without a config a walk takes *.eml and *.txt, skips hidden folders, sorts",
          "[templates]") {
  const fs::path dir = test::temp_folder("walk-defaults");
  for (const char* name : {"b.txt", "a.eml", "c.md", "sub/z.txt", "sub/a.eml", ".git/HEAD.txt",
                           "sub/.hidden/x.txt", ".y.txt", "sub.txt/inner.eml"})
    write(dir / name);
  CHECK(walk({"."}, dir) ==
        std::vector<std::string>{"a.eml", "b.txt", "sub.txt/inner.eml", "sub/a.eml", "sub/z.txt"});
  // The argument itself may be hidden: only what is below it is skipped.
  CHECK(walk({".git"}, dir) == std::vector<std::string>{".git/HEAD.txt"});
  fs::remove_all(dir);
}

TEST_CASE("symbolic link loops end and every file is listed once", "[templates]") {
  const fs::path dir = test::temp_folder("walk-links");
  write(dir / "t/a.txt");
  write(dir / "t/sub/b.txt");
  write(dir / "elsewhere/c.txt");
  fs::create_directory_symlink("..", dir / "t/sub/up");           // a loop
  fs::create_directory_symlink("../sub", dir / "t/sub/self");     // a loop onto itself
  fs::create_directory_symlink("../elsewhere", dir / "t/other");  // a link out of the tree
  fs::create_symlink("a.txt", dir / "t/link.txt");                // a file link
  fs::create_symlink("nowhere.txt", dir / "t/dangling.txt");      // skipped
  CHECK(walk({"t"}, dir) ==
        std::vector<std::string>{"t/a.txt", "t/link.txt", "t/other/c.txt", "t/sub/b.txt"});
  fs::remove_all(dir);
}

TEST_CASE("a nested config's globs govern its own folder", "[templates]") {
  const fs::path dir = test::temp_folder("walk-nested");
  write(dir / ".replylint.toml", "exclude = [\"old/\"]\n");
  write(dir / "a.txt");
  write(dir / "old/b.txt");
  write(dir / "md/.replylint.toml", "include = [\"**/*.md\"]\n");
  write(dir / "md/c.md");
  write(dir / "md/d.txt");
  CHECK(walk({"."}, dir) == std::vector<std::string>{"a.txt", "md/c.md"});
  // --config replaces every found config: its globs apply everywhere.
  CHECK(walk({"."}, dir, dir / "md/.replylint.toml") == std::vector<std::string>{"md/c.md"});
  fs::remove_all(dir);
}

TEST_CASE("Engine::check_all on four threads gives the serial reports, in input order",
          "[templates]") {
  // In-process, so a -fsanitize=thread build watches the engine's caches (configs, spellers,
  // compiled draft data, GMime) being shared by the workers.
  const fs::path root = test::source_dir();
  engine::Engine serial_engine(data::default_data(), engine::Options{});
  engine::Engine parallel_engine(data::default_data(), engine::Options{});
  const fs::path before = fs::current_path();
  fs::current_path(root);
  const std::vector<std::string> args = {"examples", "tests/templates/repo", "tests/rules/shouting",
                                         "tests/rules/spelling"};
  const auto inputs = serial_engine.expand(args);
  const auto serial = serial_engine.check_all(inputs, 1);
  const auto parallel = parallel_engine.check_all(parallel_engine.expand(args), 4);
  fs::current_path(before);
  REQUIRE(inputs.size() > 20);
  REQUIRE(parallel.size() == serial.size());
  for (std::size_t i = 0; i < serial.size(); ++i) {
    INFO(serial[i].path);
    CHECK(parallel[i].path == serial[i].path);
    CHECK(parallel[i].error == serial[i].error);
    REQUIRE(parallel[i].findings.size() == serial[i].findings.size());
    for (std::size_t j = 0; j < serial[i].findings.size(); ++j) {
      CHECK(parallel[i].findings[j].diagnostic.message == serial[i].findings[j].diagnostic.message);
      CHECK(parallel[i].findings[j].diagnostic.column == serial[i].findings[j].diagnostic.column);
    }
  }
}
