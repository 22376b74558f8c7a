// The compiled word index answers exactly as Hunspell does, stays fresh, and is never trusted
// blindly.
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <hunspell/hunspell.hxx>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "cli/run.hpp"
#include "spell/hunspell_speller.hpp"
#include "spell/spell.hpp"
#include "spell/word_index.hpp"

namespace fs = std::filesystem;
using namespace replylint::spell;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("replylint-index-" + std::to_string(::getpid()) + "-" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string upper(const std::string& word, const char* locale) {
  std::string out;
  icu::UnicodeString::fromUTF8(word).toUpper(icu::Locale(locale)).toUTF8String(out);
  return out;
}

std::string title(const std::string& word) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
  if (u.isEmpty()) return word;
  icu::UnicodeString head = u.tempSubString(0, 1);
  head.toUpper();
  std::string out;
  (head + u.tempSubString(1)).toUTF8String(out);
  return out;
}

// The word with its second letter in capitals and the rest as written ("αΜργκαρέτε",
// "eSteps"): mixed case, which Hunspell looks up as written.
std::string mixed_case(const std::string& word, const char* locale) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
  if (u.length() < 3) return word;
  icu::UnicodeString second = u.tempSubString(1, 1);
  second.toUpper(icu::Locale(locale));
  std::string out;
  (u.tempSubString(0, 1) + second + u.tempSubString(2)).toUTF8String(out);
  return out;
}

// A sample of real Greek words from the dictionary itself (UTF-8), every `step`th entry.
std::vector<std::string> greek_sample(const DictionaryFiles& files, std::size_t step) {
  std::ifstream in(files.dic, std::ios::binary);
  std::string line;
  std::vector<std::string> raw;
  std::size_t n = 0;
  while (std::getline(in, line))
    if (n++ % step == 1) raw.push_back(line);
  std::vector<std::string> out;
  for (const std::string& r : raw) {
    std::string utf8;
    icu::UnicodeString(r.data(), static_cast<int32_t>(r.size()), "ISO-8859-7").toUTF8String(utf8);
    out.push_back(utf8);
  }
  return out;
}

DictionaryFiles greek_files() {
  auto files = find_dictionary("el", {"/usr/share/hunspell"});
  REQUIRE(files.has_value());
  files->additions.clear();
  return *files;
}

}  // namespace

// One cache for the Spanish tests, shared by the CTest processes (each case runs in its own):
// compiling es_ES's index takes about 2 s. Indexes are keyed by the dictionary's identity and
// written atomically, so sharing the folder is safe.
const fs::path& spanish_cache() {
  static const fs::path dir = fs::temp_directory_path() / "replylint-test-index-cache";
  return dir;
}

DictionaryFiles base_files(const char* language) {
  auto files = find_dictionary(language, {"/usr/share/hunspell"});
  REQUIRE(files.has_value());
  files->additions.clear();
  return *files;
}

TEST_CASE("el_GR is indexed whole, es_ES by expansion, en_US in part", "[spell][index]") {
  CHECK(index_eligible(greek_files()));
  CHECK(index_kind(greek_files()) == IndexKind::exact);
  CHECK(index_kind(base_files("es")) == IndexKind::expanded);
  CHECK(index_kind(base_files("en")) == IndexKind::partial);
}

TEST_CASE("the Spanish index gives Hunspell's answers and spares its load on clean text",
          "[spell][index]") {
  const fs::path& cache_dir = spanish_cache();
  const DictionaryFiles files = base_files("es");
  LoadResult indexed = load_hunspell_speller("es", files, {}, cache_dir);
  LoadResult plain = load_hunspell_speller("es", files, {}, {});
  REQUIRE(indexed.speller);
  REQUIRE(plain.speller);
  // Inflected forms (plurals, verb forms, enclitics, prefixes) of real Spanish prose.
  const std::vector<std::string> clean = {
      "Gracias",      "por",          "escribirnos", "hemos",        "revisado",   "su",
      "pedido",       "salió",        "almacén",     "entregará",    "mañana",     "avisará",
      "repartidor",   "envíos",       "clientes",    "potenciales",  "respuestas", "rápidamente",
      "contestarles", "devolveremos", "facturas",    "comunicación", "efectiva",   "impresionarás",
      "colocarás",    "RESPUESTA",    "Atención"};
  for (const std::string& word : clean) {
    INFO(word);
    CHECK(indexed.speller->check(word) == plain.speller->check(word));
  }
  for (const char* word : {"respuetsa", "minimo", "mensage", "grasias", "RESPUETSA", "Respuetsa",
                           "tweet.", "respuetsa..", "RESPUETSA."}) {
    INFO(word);
    CHECK(indexed.speller->check(word) == plain.speller->check(word));
    CHECK_FALSE(indexed.speller->check(word));
  }
  // Words with a period after them (the spelling rule asks whether "Ud." is an abbreviation).
  for (const char* word :
       {"pedido.", "Pedido.", "PEDIDO.", "etc.", "Sra.", "almacén..", "Atención.", "pEdido",
        "PeDIDO", "eSteps", "McDonald", "iPhone", "AtencióN", "rEspuetsa"}) {
    INFO(word);
    CHECK(indexed.speller->check(word) == plain.speller->check(word));
  }
  // Right and wrong words alike were answered without loading Hunspell.
  CHECK_FALSE(hunspell_loaded(*indexed.speller));
}

TEST_CASE("the index gives Hunspell's stems without loading it", "[spell][index]") {
  // Inflected forms, enclitics, homographs of two roots, capitals, a prefixed form (whose
  // prefixed analysis Hunspell's stems leave out), unknown words.
  const std::vector<std::pair<const char*, std::vector<std::string>>> languages = {
      {"es",
       {"dijimos", "disculpe", "Disculpe", "DISCULPE", "disculpas", "retraso", "retrasos",
        "contactar", "contáctenos", "escríbanos", "lamentamos", "sentimos", "adjuntamos", "adjunto",
        "reenviar", "Enviado", "respuetsa", "mensage", "proveedores"}},
      {"en",
       {"delays", "delayed", "apologise", "apologies", "Sorry", "SORRY", "attached", "replies",
        "contacting", "unsubscribe", "forwarding", "helo", "reread"}}};
  for (const auto& [language, words] : languages) {
    const fs::path& cache_dir = spanish_cache();  // the English index lives there too
    const DictionaryFiles files = base_files(language);
    LoadResult indexed = load_hunspell_speller(language, files, {}, cache_dir);
    LoadResult plain = load_hunspell_speller(language, files, {}, {});
    REQUIRE(indexed.speller);
    REQUIRE(plain.speller);
    for (const std::string& word : words) {
      INFO(language << " " << word);
      std::vector<std::string> ours = indexed.speller->stems(word);
      std::vector<std::string> theirs = plain.speller->stems(word);
      std::sort(ours.begin(), ours.end());
      std::sort(theirs.begin(), theirs.end());
      CHECK(ours == theirs);
    }
    CHECK_FALSE(hunspell_loaded(*indexed.speller));
  }
  CHECK(load_hunspell_speller("es", base_files("es"), {}, spanish_cache())
            .speller->stems("dijimos") == std::vector<std::string>{"decir"});
}

// Independent of the expansion: every suffix and prefix rule of the .aff is tried on sampled
// roots, whatever their flags and conditions, then prefixes on the accepted suffixed forms and
// the continuation suffixes on those. Whatever Hunspell accepts must be in the index (for a
// partial index, whatever is made of letters alone).
static void check_index_by_brute_force(const std::string& language, const fs::path& cache_dir) {
  const DictionaryFiles files = base_files(language.c_str());
  std::string why;
  auto index = WordIndex::open(files, cache_dir, why);
  REQUIRE(index);
  CHECK(index->complete_for_letter_words());
  const auto letters_alone = [](const std::string& w) {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(w);
    for (int32_t i = 0; i < u.length(); i += U16_LENGTH(u.char32At(i)))
      if (!u_isalpha(u.char32At(i))) return false;
    return true;
  };
  struct R {
    bool prefix;
    std::string flag, strip, add;
  };
  std::vector<R> rules;
  std::set<std::string> continuation_flags;
  {
    std::ifstream aff(files.aff);
    std::string line;
    while (std::getline(aff, line)) {
      std::istringstream f(line);
      std::string kind, flag, strip, add, cond;
      f >> kind >> flag >> strip >> add >> cond;
      if ((kind != "SFX" && kind != "PFX") || cond.empty()) continue;
      const auto slash = add.find('/');
      if (slash != std::string::npos) {
        for (char c : add.substr(slash + 1)) continuation_flags.insert(std::string(1, c));
        add = add.substr(0, slash);
      }
      rules.push_back({kind == "PFX", flag, strip == "0" ? "" : strip, add == "0" ? "" : add});
    }
  }
  REQUIRE(rules.size() > (language == "es" ? 5000u : 40u));
  Hunspell hunspell(files.aff.c_str(), files.dic.c_str());
  std::vector<std::string> roots;
  {
    std::ifstream dic(files.dic);
    std::string line;
    for (std::size_t n = 0; std::getline(dic, line); ++n)
      if (n % (language == "es" ? 500 : 50) == 1) roots.push_back(line.substr(0, line.find('/')));
  }
  auto suffix = [](const std::string& w, const R& r) -> std::optional<std::string> {
    if (w.size() < r.strip.size() ||
        w.compare(w.size() - r.strip.size(), r.strip.size(), r.strip) != 0)
      return std::nullopt;
    return w.substr(0, w.size() - r.strip.size()) + r.add;
  };
  auto prefix = [](const std::string& w, const R& r) -> std::optional<std::string> {
    if (w.compare(0, r.strip.size(), r.strip) != 0) return std::nullopt;
    return r.add + w.substr(r.strip.size());
  };
  std::size_t tried = 0, accepted = 0, missing = 0;
  auto check = [&](const std::string& w) {
    ++tried;
    if (w.empty() || !hunspell.spell(w)) return false;
    if (!letters_alone(w)) return true;
    ++accepted;
    // As the speller asks it: as written, else (capital initial) in lowercase.
    std::string lower;
    icu::UnicodeString::fromUTF8(w).toLower(icu::Locale(language.c_str())).toUTF8String(lower);
    if (!index->contains(w) && !(w != lower && index->contains(lower))) {
      ++missing;
      UNSCOPED_INFO("Hunspell accepts '" << w << "' but the index lacks it");
    }
    return true;
  };
  for (const std::string& root : roots) {
    std::vector<std::string> suffixed;
    check(root);
    for (const R& r : rules) {
      if (r.prefix) continue;
      if (auto w = suffix(root, r); w && check(*w)) suffixed.push_back(*w);
    }
    const std::size_t first = suffixed.size();
    for (std::size_t i = 0; i < first; ++i)
      for (const R& r : rules)
        if (!r.prefix && continuation_flags.count(r.flag))
          if (auto w = suffix(suffixed[i], r); w && check(*w)) suffixed.push_back(*w);
    suffixed.push_back(root);
    for (const std::string& form : suffixed)
      for (const R& r : rules)
        if (r.prefix)
          if (auto w = prefix(form, r)) check(*w);
  }
  WARN(language << " brute force: " << roots.size() << " roots, " << tried << " candidates, "
                << accepted << " accepted by Hunspell, " << missing << " missing from the index");
  CHECK(accepted > roots.size());
  CHECK(missing == 0);
}

TEST_CASE("the Spanish index holds every form Hunspell accepts, by brute force", "[spell][index]") {
  check_index_by_brute_force("es", spanish_cache());
}

TEST_CASE("the English index holds every word of letters Hunspell accepts, by brute force",
          "[spell][index]") {
  TempDir cache;
  check_index_by_brute_force("en", cache.path);
}

TEST_CASE("the Spanish index holds common derived forms", "[spell][index]") {
  const fs::path& cache_dir = spanish_cache();
  const DictionaryFiles files = base_files("es");
  std::string why;
  auto index = WordIndex::open(files, cache_dir, why);
  REQUIRE(index);
  CHECK(index->complete());
  CHECK(index->size() > 500000);
  // A sample of common forms Hunspell derives through suffixes, continuation suffixes and
  // prefixes must all be there.
  for (const char* form : {"casas", "cantábamos", "rápidamente", "deshacer", "reenviar",
                           "devuélvemelo", "facturación", "facturaciones", "comprobaré"}) {
    INFO(form);
    CHECK(index->contains(form));
  }
}

TEST_CASE("the Greek index gives Hunspell's answers", "[spell][index]") {
  TempDir cache;
  const DictionaryFiles files = greek_files();
  LoadResult indexed = load_hunspell_speller("el", files, {}, cache.path);
  LoadResult plain = load_hunspell_speller("el", files, {}, {});
  REQUIRE(indexed.speller);
  REQUIRE(plain.speller);

  std::vector<std::string> words;
  std::mt19937 random(42);
  for (const std::string& word : greek_sample(files, 900)) {
    words.push_back(word);
    words.push_back(upper(word, "el"));
    words.push_back(title(word));
    words.push_back(word + ".");  // as the spelling rule asks about abbreviations
    words.push_back(mixed_case(word, "el"));
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
    icu::UnicodeString lower(u);
    lower.toLower();
    if (u.length() > 3 && u == lower) {
      // Typos: a letter dropped, two swapped.
      icu::UnicodeString dropped(u);
      dropped.remove(static_cast<int32_t>(random() % u.length()), 1);
      icu::UnicodeString swapped(u);
      const int32_t i = static_cast<int32_t>(random() % (u.length() - 1));
      const char16_t a = swapped.charAt(i);
      swapped.setCharAt(i, swapped.charAt(i + 1)).setCharAt(i + 1, a);
      for (const auto& typo : {dropped, swapped}) {
        std::string utf8;
        typo.toUTF8String(utf8);
        words.push_back(utf8);
        words.push_back(utf8 + ".");
      }
    }
  }
  for (const char* extra :
       {"πελατης", "ΠΑΡΑΓΓΕΛΙΑ", "Αθήνα", "αθήνα", "ΑΘΗΝΑ", "email", "ΦΠΑ", "Ευχαριστώ"})
    words.push_back(extra);
  REQUIRE(words.size() > 3000);
  int disagreements = 0;
  for (const std::string& word : words) {
    const bool a = indexed.speller->check(word);
    const bool b = plain.speller->check(word);
    if (a != b) {
      ++disagreements;
      UNSCOPED_INFO("disagreement on '" << word << "': index " << a << ", Hunspell " << b);
    }
  }
  CHECK(disagreements == 0);
  // Correct and wrong words alike, in lowercase, capitals or with a capital initial, were
  // answered without loading Hunspell.
  CHECK_FALSE(hunspell_loaded(*indexed.speller));
  CHECK(hunspell_loaded(*plain.speller));
}

TEST_CASE("typos in Greek get suggestions without loading Hunspell", "[spell][index]") {
  TempDir cache;
  LoadResult indexed = load_hunspell_speller("el", greek_files(), {}, cache.path);
  REQUIRE(indexed.speller);
  const auto suggestions = indexed.speller->suggest("πελατης");
  CHECK(std::find(suggestions.begin(), suggestions.end(), "πελάτης") != suggestions.end());
  CHECK_FALSE(hunspell_loaded(*indexed.speller));
}

TEST_CASE("a stale or damaged index is rebuilt, never trusted", "[spell][index]") {
  TempDir dir;
  const fs::path dic = dir.path / "xx_XX.dic", aff = dir.path / "xx_XX.aff";
  std::ofstream(aff) << "SET UTF-8\nTRY αβγ\n";
  std::ofstream(dic) << "2\nάλφα\nβήτα\n";
  const DictionaryFiles files{"xx_XX", aff, dic, {}};
  const fs::path cache = dir.path / "cache";
  std::string why;

  auto first = WordIndex::open(files, cache, why);
  REQUIRE(first);
  CHECK(first->size() == 2);
  CHECK(first->contains("βήτα"));
  CHECK_FALSE(first->contains("γάμμα"));
  CHECK_FALSE(first->contains("βήτ"));
  const fs::path built = first->path();
  first.reset();

  // Edit the dictionary: its identity changes, so a new index is compiled with the new word.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::ofstream(dic) << "3\nάλφα\nβήτα\nγάμμα\n";
  auto second = WordIndex::open(files, cache, why);
  REQUIRE(second);
  CHECK(second->contains("γάμμα"));
  CHECK(second->path() != built);
  const fs::path current = second->path();
  second.reset();

  // Damage the index: it is rejected and compiled again.
  std::ofstream(current, std::ios::binary | std::ios::trunc) << "RLWIDX1 garbage";
  auto third = WordIndex::open(files, cache, why);
  REQUIRE(third);
  CHECK(third->contains("γάμμα"));
  CHECK(third->size() == 3);
}

TEST_CASE("the partial English index answers clean text alone and sends the rest to Hunspell",
          "[spell][index]") {
  TempDir cache;
  const DictionaryFiles files = base_files("en");
  std::string why;
  auto index = WordIndex::open(files, cache.path, why);
  REQUIRE(index);
  // en_US's .aff also accepts ordinals by COMPOUNDRULE ("22nd") and converts input (ICONV):
  // the index cannot hold those, so it says it is not the whole language.
  CHECK_FALSE(index->complete());
  CHECK(index->contains("delivered"));  // an affix form (deliver/ZGDRS)
  CHECK(index->contains("warehouses"));
  CHECK_FALSE(index->contains("22nd"));

  LoadResult indexed = load_hunspell_speller("en", files, {}, cache.path);
  LoadResult plain = load_hunspell_speller("en", files, {}, {});
  REQUIRE(indexed.speller);
  REQUIRE(plain.speller);
  const std::vector<std::string> clean = {"Thank",   "you",      "for",     "your",      "message",
                                          "sorry",   "delay",    "checked", "warehouse", "courier",
                                          "deliver", "tomorrow", "missing", "parcel",    "weekdays",
                                          "THANKS",  "Customers"};
  for (const std::string& word : clean) {
    INFO(word);
    CHECK(indexed.speller->check(word) == plain.speller->check(word));
    CHECK(indexed.speller->check(word));
  }
  // Clean English never loads Hunspell.
  CHECK_FALSE(hunspell_loaded(*indexed.speller));
  // Those rules only accept words with a digit or an apostrophe: a word of letters the index
  // lacks is wrong, as Hunspell says, without loading it.
  CHECK(index->complete_for_letter_words());
  CHECK(partial_rules_need_non_letters(files));
  for (const char* word : {"recieve", "warehuose", "Javascript", "TEH", "eSteps", "JavaScrpt"}) {
    INFO(word);
    CHECK(indexed.speller->check(word) == plain.speller->check(word));
    CHECK_FALSE(indexed.speller->check(word));
  }
  for (const char* word : {"iPhone", "McDonald", "JavaScript", "PayPal"}) {  // as listed, or not
    INFO(word);
    CHECK(indexed.speller->check(word) == plain.speller->check(word));
  }
  CHECK_FALSE(hunspell_loaded(*indexed.speller));
  // A word with a digit is Hunspell's to judge.
  CHECK(indexed.speller->check("22nd") == plain.speller->check("22nd"));
  CHECK(indexed.speller->check("22nd"));
  CHECK(hunspell_loaded(*indexed.speller));
}

TEST_CASE("compound rules over parts of letters leave a partial index partial for every word",
          "[spell][index]") {
  TempDir dir;
  const auto write = [&](const char* name, const std::string& text) {
    std::ofstream(dir.path / name, std::ios::binary) << text;
    return dir.path / name;
  };
  DictionaryFiles files;
  files.dic = write("x.dic", "3\nfoot/c\nball/c\n2/c\n");
  files.aff = write("x.aff", "SET UTF-8\nCOMPOUNDRULE 1\nCOMPOUNDRULE c*\n");
  CHECK_FALSE(partial_rules_need_non_letters(files));  // "football" is a compound of letters
  files.dic = write("y.dic", "3\nfoot\nball\n2/c\n");
  CHECK(partial_rules_need_non_letters(files));
  files.aff = write("y.aff", "SET UTF-8\nICONV 1\nICONV ph f\nCOMPOUNDRULE 1\nCOMPOUNDRULE c*\n");
  CHECK_FALSE(partial_rules_need_non_letters(files));  // "phoot" becomes "foot"
  files.aff = write("z.aff", "SET UTF-8\nFLAG long\nCOMPOUNDRULE 1\nCOMPOUNDRULE (cc)*\n");
  CHECK_FALSE(partial_rules_need_non_letters(files));
}

TEST_CASE("an affix dictionary is expanded; one with compounding gets no index", "[spell][index]") {
  TempDir dir;
  const fs::path dic = dir.path / "yy_YY.dic", aff = dir.path / "yy_YY.aff";
  std::ofstream(aff) << "SET UTF-8\nSFX A Y 1\nSFX A 0 s .\n";
  std::ofstream(dic) << "1\ncasa/A\n";
  std::string why;
  auto expanded = WordIndex::open({"yy_YY", aff, dic, {}}, dir.path / "cache", why);
  REQUIRE(expanded);
  CHECK(expanded->contains("casas"));
  CHECK_FALSE(expanded->contains("casass"));
  std::ofstream(aff) << "SET UTF-8\nCOMPOUNDFLAG X\n";
  std::ofstream(dic) << "1\ncasa\n";
  CHECK_FALSE(index_eligible({"yy_YY", aff, dic, {}}));
}

TEST_CASE("an unwritable cache folder falls back to Hunspell with the same answers",
          "[spell][index]") {
  LoadResult speller =
      load_hunspell_speller("el", greek_files(), {}, "/proc/replylint-cannot-write-here");
  REQUIRE(speller.speller);
  CHECK(speller.speller->check("πελάτης"));
  CHECK_FALSE(speller.speller->check("πελατης"));
  CHECK(hunspell_loaded(*speller.speller));
}

namespace {

// Reads the whole file at `path` as bytes.
std::string file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// The one compiled index of `language`'s dictionary in `cache`.
fs::path index_file(const fs::path& cache, const std::string& prefix) {
  for (const auto& entry : fs::directory_iterator(cache))
    if (entry.path().filename().string().starts_with(prefix) && entry.path().extension() == ".idx")
      return entry.path();
  FAIL("no " << prefix << " index in " << cache);
  return {};
}

// The Bloom filter's size, from the header (magic, four uint32 fields, two uint64 fields, then
// bloom_bytes; the same in every format since 4).
std::uint64_t bloom_bytes(const std::string& index) {
  std::uint64_t bytes = 0;
  REQUIRE(index.size() > 48);
  std::memcpy(&bytes, index.data() + 40, sizeof bytes);
  return bytes;
}

}  // namespace

TEST_CASE("a damaged index is noticed at its first use and never changes an answer",
          "[spell][index]") {
  TempDir dir;
  const fs::path dic = dir.path / "xx_XX.dic", aff = dir.path / "xx_XX.aff";
  std::ofstream(aff) << "SET UTF-8\nTRY αβγ\n";
  std::ofstream(dic) << "3\nάλφα\nβήτα\nγάμμα\n";
  const DictionaryFiles files{"xx_XX", aff, dic, {}};
  const fs::path cache = dir.path / "cache";
  std::string why;
  fs::path path;
  {
    auto clean = WordIndex::open(files, cache, why);
    REQUIRE(clean);
    path = clean->path();
  }
  const std::string good = file_bytes(path);
  const std::vector<std::string> words = {"άλφα", "βήτα", "γάμμα"};

  SECTION("a byte flipped in the words") {
    std::string bad = good;
    const std::size_t at = bad.find("βήτα");
    REQUIRE(at != std::string::npos);
    bad[at + 1] ^= 0x01;  // still a valid length, the same NUL at the end
    write_bytes(path, bad);
    auto index = WordIndex::open(files, cache, why);
    // Either refused at open (then compiled again) or caught at the first lookup: never a wrong
    // "absent" that is trusted.
    REQUIRE(index);
    for (const std::string& word : words) {
      INFO(word);
      CHECK((index->contains(word) || index->damaged()));
    }
    CHECK(index->damaged());
    CHECK_FALSE(index->complete());
    index.reset();
    // The damaged file is gone; the next open compiles a good one.
    auto again = WordIndex::open(files, cache, why);
    REQUIRE(again);
    for (const std::string& word : words) CHECK(again->contains(word));
    CHECK_FALSE(again->damaged());
  }
  SECTION("truncated") {
    write_bytes(path, good.substr(0, good.size() / 2));
    auto index = WordIndex::open(files, cache, why);
    REQUIRE(index);
    for (const std::string& word : words) CHECK(index->contains(word));
  }
}

TEST_CASE("a damaged Spanish index gives the clean report and is compiled again",
          "[spell][index]") {
  // Through the binary, as a user meets it: the same report as with a good index, whatever the
  // damage, and a good index in the cache afterwards.
  const fs::path example =
      replylint::test::project_dir() / "examples" / "es-respuesta-correcta.eml";
  TempDir cache;
  const std::string command =
      "REPLYLINT_CACHE_DIR=" + replylint::test::shell_quote(cache.path.string()) + " " +
      replylint::test::shell_quote(REPLYLINT_BINARY) + " check --format json " +
      replylint::test::shell_quote(example.string());
  const replylint::test::Run clean = replylint::test::run_shell(command);
  REQUIRE(clean.status == 0);
  const fs::path path = index_file(cache.path, "es_ES-");
  const std::string good = file_bytes(path);
  REQUIRE(good.size() > 1'000'000);
  const std::uint64_t bloom = bloom_bytes(good);
  REQUIRE(bloom > 8192);

  std::vector<std::pair<std::string, std::string>> damages;
  {
    std::string bad = good;  // the middle third flipped: slot table and words
    for (std::size_t i = good.size() / 3; i < 2 * good.size() / 3; ++i)
      bad[i] = static_cast<char>(~bad[i]);
    damages.emplace_back("bytes flipped in the middle", bad);
  }
  {
    std::string bad = good;  // the filter starts after the header, under 4096 bytes in
    std::fill_n(bad.begin() + 4096, bloom / 2, '\0');
    damages.emplace_back("Bloom filter zeroed", bad);
  }
  damages.emplace_back("truncated", good.substr(0, good.size() - 4096));
  for (const auto& [name, bytes] : damages) {
    INFO(name);
    write_bytes(path, bytes);
    const replylint::test::Run damaged = replylint::test::run_shell(command);
    CHECK(damaged.status == clean.status);
    CHECK(damaged.out == clean.out);
    // The next run finds a good index again (compiled by this one or the next).
    CHECK(replylint::test::run_shell(command).out == clean.out);
    CHECK(file_bytes(index_file(cache.path, "es_ES-")) == good);
  }
}
