// Micro-benchmarks of the parser, segmentation and tokenizer on the bundled examples.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "data/data.hpp"
#include "draft/draft.hpp"
#include "message/message.hpp"

namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string& example(const char* name) {
  static std::map<std::string, std::string> cache;
  auto [it, added] = cache.try_emplace(name);
  if (added) it->second = read(std::filesystem::path(REPLYLINT_EXAMPLES_DIR) / name);
  return it->second;
}

void parse(benchmark::State& state, const char* name) {
  const auto& data = replylint::data::default_data();
  const std::string& bytes = example(name);
  for (auto _ : state)
    benchmark::DoNotOptimize(replylint::message::parse_message(name, bytes, data));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
}

void segment(benchmark::State& state, const char* name) {
  const auto& data = replylint::data::default_data();
  const auto message = replylint::message::parse_message(name, example(name), data);
  for (auto _ : state) benchmark::DoNotOptimize(replylint::draft::segment(message, data));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * message.body.text.size()));
}

void tokenize(benchmark::State& state) {
  const auto& data = replylint::data::default_data();
  const std::string text =
      "Gracias por escribirnos. Su pedido 51190 salió el martes; vea "
      "https://tiendaverde.es/seguimiento?pedido=51190 "
      "o escriba a soporte@tiendaverde.es. Adjunto factura_2025.pdf con el IVA. Estimado {{ nombre "
      "}}: "
      "Η παραγγελία σας έχει ήδη σταλεί και θα φτάσει τη Δευτέρα.";
  for (auto _ : state) benchmark::DoNotOptimize(replylint::draft::tokenize(text, data));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

}  // namespace

BENCHMARK_CAPTURE(parse, mime_es, "es-respuesta-correcta.eml");
BENCHMARK_CAPTURE(parse, qp_iso8859_7, "el-swsti-apantisi.eml");
BENCHMARK_CAPTURE(parse, draft_es, "es-borrador-con-problemas.txt");
BENCHMARK_CAPTURE(segment, mime_es, "es-respuesta-correcta.eml");
BENCHMARK_CAPTURE(segment, qp_iso8859_7, "el-swsti-apantisi.eml");
BENCHMARK(tokenize);

BENCHMARK_MAIN();
