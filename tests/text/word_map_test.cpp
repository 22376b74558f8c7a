// text::WordMap answers as std::unordered_map does: the same words found, the same values, after
// any number of growths, with references that survive them.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/word_map.hpp"

using replylint::text::WordMap;

namespace {

// Words of 1–12 letters from a small alphabet (many share prefixes and lengths), Greek and
// Spanish letters among them.
std::vector<std::string> random_words(std::size_t count, unsigned seed) {
  static const std::vector<std::string> letters = {"a", "e", "n", "s", "ñ", "á", "α", "ή", "ς"};
  std::mt19937 random(seed);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) {
    std::string word;
    const std::size_t length = 1 + random() % 12;
    for (std::size_t j = 0; j < length; ++j) word += letters[random() % letters.size()];
    out.push_back(word);
  }
  return out;
}

}  // namespace

TEST_CASE("WordMap agrees with std::unordered_map over many growths", "[text][word-map]") {
  WordMap<int> map;
  std::unordered_map<std::string, int> reference;
  const std::vector<std::string> words = random_words(20'000, 7);
  for (std::size_t i = 0; i < words.size(); ++i) {
    bool added = false;
    int& value = map.try_emplace(words[i], added);
    const auto [it, inserted] = reference.try_emplace(words[i], 0);
    REQUIRE(added == inserted);
    REQUIRE(value == it->second);
    value += static_cast<int>(i);
    it->second += static_cast<int>(i);
  }
  REQUIRE(map.size() == reference.size());
  for (const auto& [word, value] : reference) {
    const int* found = map.find(word);
    REQUIRE(found != nullptr);
    CHECK(*found == value);
  }
  // Words never added are not found, including the empty word and prefixes of added ones.
  for (const std::string& word : random_words(5'000, 8))
    CHECK((map.find(word) != nullptr) == reference.contains(word));
  CHECK(map.find("") == nullptr);
}

TEST_CASE("WordMap keeps references to values valid as it grows", "[text][word-map]") {
  WordMap<std::string> map;
  std::string& first = map["primero"];
  first = "πρώτο";
  for (const std::string& word : random_words(10'000, 9)) map[word + "x"] = word;
  CHECK(&map["primero"] == &first);
  CHECK(first == "πρώτο");
}

TEST_CASE("WordMap forgets everything on clear and works again after", "[text][word-map]") {
  WordMap<bool> map;
  map["sí"] = true;
  map["no"] = false;
  map.clear();
  CHECK(map.empty());
  CHECK(map.find("sí") == nullptr);
  map["ναι"] = true;
  REQUIRE(map.find("ναι") != nullptr);
  CHECK(*map.find("ναι"));
  CHECK(map.size() == 1);
}

TEST_CASE("WordMap lists its entries in the order they were added", "[text][word-map]") {
  WordMap<int> map;
  map["c"] = 1;
  map["a"] = 2;
  map["b"] = 3;
  std::vector<std::string> keys;
  for (const auto& [key, value] : map) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"c", "a", "b"});
}
