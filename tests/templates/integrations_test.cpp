// The pre-commit hook and the GitHub Actions workflows, run as far as this machine allows:
// the real pre-commit framework (Debian's `pre-commit`) offline, and the workflows' replylint
// commands on the template repository fixture.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "run.hpp"

namespace fs = std::filesystem;
using namespace replylint;
using nlohmann::json;

namespace {

const std::string k_python = "/usr/bin/python3";

// PATH with the built replylint first.
std::string path_with_replylint() {
  const char* path = std::getenv("PATH");
  return test::quote(fs::path(REPLYLINT_BINARY).parent_path().string() + ":" + (path ? path : ""));
}

// Runs a Python snippet (argv[1..] = args) with Debian's python3 and PyYAML; "SKIP" when absent.
test::Run python(const std::string& code, const std::string& args, const fs::path& cwd) {
  const fs::path dir = test::temp_folder("py");
  std::ofstream(dir / "script.py") << code;
  test::Run r =
      test::run_in(k_python + " " + test::quote((dir / "script.py").string()) + " " + args, cwd);
  fs::remove_all(dir);
  return r;
}

// Prints the workflow as JSON (on: is YAML 1.1's True) so C++ can read it.
const std::string k_yaml_to_json = R"py(
import json, sys
try:
    import yaml
except ImportError:
    sys.exit(3)
with open(sys.argv[1], encoding="utf-8") as f:
    data = yaml.safe_load(f)
if isinstance(data, dict) and True in data:
    data["on"] = data.pop(True)
print(json.dumps(data))
)py";

json yaml_file(const fs::path& path) {
  const test::Run r = python(k_yaml_to_json, test::quote(path.string()), test::source_dir());
  if (r.status == 3) return nullptr;
  INFO(r.err);
  REQUIRE(r.status == 0);
  return json::parse(r.out);
}

}  // namespace

TEST_CASE("the pre-commit hook definition parses and names replylint", "[templates]") {
  const json hooks = yaml_file(test::source_dir() / ".pre-commit-hooks.yaml");
  if (hooks.is_null()) {
    WARN("python3-yaml not installed: .pre-commit-hooks.yaml not parsed");
    return;
  }
  REQUIRE(hooks.is_array());
  REQUIRE(hooks.size() == 1);
  const json& hook = hooks[0];
  CHECK(hook["id"] == "replylint");
  CHECK(hook["entry"] == "replylint check --force-exclude");
  CHECK(hook["language"] == "system");
  // The files regex takes drafts and leaves other files alone (Python's re, as pre-commit uses).
  const test::Run r = python(
      "import re, sys\nrx = re.compile(sys.argv[1])\n"
      "print(' '.join(str(bool(rx.search(p))) for p in sys.argv[2:]))\n",
      test::quote(hook["files"].get<std::string>()) + " a.eml t/b.txt c.md d.eml.bak e.txt~",
      test::source_dir());
  CHECK(r.out == "True True False False False\n");
}

TEST_CASE("the real pre-commit framework runs the hook offline", "[templates]") {
  if (test::run_in("command -v pre-commit && command -v git", ".").status != 0) {
    WARN("pre-commit or git is not installed (apt-get install pre-commit): hook not exercised");
    return;
  }
  if (test::run_in("git rev-parse --is-inside-work-tree", test::source_dir()).status != 0) {
    WARN("the source tree is no git repository: pre-commit try-repo cannot use it; skipped");
    return;
  }
  const fs::path repo = test::temp_folder("pre-commit");
  fs::copy(test::template_repo(), repo, fs::copy_options::recursive);
  const std::string env = "PATH=" + path_with_replylint() +
                          " PRE_COMMIT_HOME=" + test::quote((repo / ".pre-commit-home").string()) +
                          " GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com"
                          " GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com ";
  // try-repo clones the replylint source tree (its committed files plus changes to tracked
  // ones); with `language: system` nothing is downloaded.
  const std::string try_repo = env + "pre-commit try-repo " +
                               test::quote(test::source_dir().string()) + " replylint --all-files";
  REQUIRE(test::run_in("git init -q . && git add templates .replylint.toml", repo).status == 0);
  const test::Run clean = test::run_in(try_repo, repo);
  INFO(clean.out << clean.err);
  CHECK(clean.status == 0);
  CHECK(clean.out.find("Passed") != std::string::npos);

  std::ofstream(repo / "templates/es/urgente.txt") << "Hola:\n\nESTO ES MUY URGENTE PARA TODOS.\n";
  REQUIRE(test::run_in("git add templates", repo).status == 0);
  const test::Run failing = test::run_in(try_repo, repo);
  INFO(failing.out << failing.err);
  CHECK(failing.status == 1);
  CHECK(failing.out.find("Failed") != std::string::npos);
  CHECK(failing.out.find("templates/es/urgente.txt:3:1: warning[shouting]") != std::string::npos);
  fs::remove_all(repo);
}

TEST_CASE("the GitHub Actions workflows parse and their replylint commands work", "[templates]") {
  for (const char* name : {"replylint-sarif.yml", "replylint-annotations.yml"}) {
    const fs::path file = test::source_dir() / "examples/github-actions" / name;
    const json workflow = yaml_file(file);
    if (workflow.is_null()) {
      WARN("python3-yaml not installed: workflows not parsed");
      return;
    }
    INFO(name);
    CHECK(workflow.contains("on"));
    REQUIRE(workflow["jobs"].size() == 1);
    const json& steps = workflow["jobs"].begin().value()["steps"];
    std::vector<std::string> commands;
    bool uploads = false;
    for (const json& step : steps) {
      if (step.contains("uses") &&
          step["uses"].get<std::string>().rfind("github/codeql-action/upload-sarif@", 0) == 0) {
        uploads = true;
        CHECK(step["with"]["sarif_file"] == "replylint.sarif");
      }
      if (!step.contains("run")) continue;
      std::istringstream lines(step["run"].get<std::string>());
      for (std::string line; std::getline(lines, line);)
        if (line.rfind("replylint ", 0) == 0) commands.push_back(line);
    }
    CHECK(uploads == (std::string(name) == "replylint-sarif.yml"));
    REQUIRE(commands.size() == 1);
    // The command as written, in a copy of the template repository (it writes its output there).
    const fs::path repo = test::temp_folder("workflow");
    fs::copy(test::template_repo(), repo, fs::copy_options::recursive);
    const test::Run r = test::run_in("PATH=" + path_with_replylint() + " " + commands[0], repo);
    INFO(commands[0] << "\n" << r.out << r.err);
    CHECK(r.status == 0);
    if (uploads) {
      const json log = json::parse(test::slurp(repo / "replylint.sarif"));
      CHECK(log["version"] == "2.1.0");
      CHECK(log["runs"][0]["results"].empty());
      CHECK(log["runs"][0]["invocations"][0]["executionSuccessful"] == true);
    } else {
      CHECK(r.out == "5 files checked: 0 errors, 0 warnings, 0 infos\n");
    }
    // A template with a finding: annotated, and the annotation variant fails the check.
    std::ofstream(repo / "templates/es/urgente.txt")
        << "Hola:\n\nESTO ES MUY URGENTE PARA TODOS.\n";
    const test::Run bad = test::run_in("PATH=" + path_with_replylint() + " " + commands[0], repo);
    if (uploads) {
      CHECK(bad.status == 0);  // --exit-zero: code scanning decides
      const json log = json::parse(test::slurp(repo / "replylint.sarif"));
      REQUIRE(log["runs"][0]["results"].size() == 1);
      CHECK(log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
               ["uri"] == "templates/es/urgente.txt");
    } else {
      CHECK(bad.status == 1);
      CHECK(bad.out.rfind("::warning file=templates/es/urgente.txt,line=3,col=1,", 0) == 0);
    }
    fs::remove_all(repo);
  }
}
