// Stemmers that remember: Snowball stemming was 16-23% of a search's CPU (snippets stem every
// word of every hit's body), and news text repeats its words (293 -> 121 ns a word, 92% hits, on
// the benchmark corpus). Indexing uses them too; its time did not change measurably.
#include "internal.h"

#include <cstring>
#include <unordered_map>

namespace {

class RememberingStemmer : public Xapian::StemImplementation {
  public:
    explicit RememberingStemmer(const char *language) : stem_(language) {}

    std::string operator()(const std::string &word) override {
        if (const auto known = stems_.find(word); known != stems_.end()) return known->second;
        std::string stemmed = stem_(word);
        if (stems_.size() >= kCapacity) stems_.clear();  // bounded; refills with the words in use
        stems_.emplace(word, stemmed);
        return stemmed;
    }

    std::string get_description() const override { return stem_.get_description(); }

  private:
    // About 3 MB when full: the common vocabulary of a news archive fits.
    static constexpr size_t kCapacity = 32768;
    Xapian::Stem stem_;
    std::unordered_map<std::string, std::string> stems_;
};

}  // namespace

namespace cxapian {

Xapian::Stem make_stem(const char *language) {
    if (!language || !*language || std::strcmp(language, "none") == 0) return Xapian::Stem();
    return Xapian::Stem(new RememberingStemmer(language));
}

}  // namespace cxapian
