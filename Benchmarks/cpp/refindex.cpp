// The reference indexer: Trawl's schema written directly with Xapian's C++ API, as fast as a
// plain single-threaded Xapian program goes. One document per article file, positions,
// STEM_SOME, FLAG_SPELLING with set_database, title under S and unprefixed (with gaps),
// A byline, Q id, P path, XSOURCE/H/U, D/M/Y date terms and value slots 0-6.
//
// Commit policy: add_document into a fresh database (a rebuild never replaces), Xapian's own
// autoflush every XAPIAN_FLUSH_THRESHOLD documents (the orchestrator sets 10000, Xapian's
// default), and one commit at the end.
//
//     refindex ROOT DBPATH      prints {"articles":N,"bytes":B,"seconds":S} on stdout
#include "article_file.h"
#include "schema.h"  // Sources/CXapian: the shim's own terms, fnv1a and title/body gap

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <iostream>

namespace {

struct FoundFile {
    std::string absolute, relative;
};

void walk(const std::string &absolute, const std::string &relative, std::vector<FoundFile> &out) {
    DIR *dir = opendir(absolute.c_str());
    if (!dir) throw std::runtime_error("cannot read folder " + absolute);
    while (dirent *entry = readdir(dir)) {
        const std::string name = entry->d_name;
        if (name.empty() || name[0] == '.') continue;
        const std::string abs = absolute + "/" + name, rel = relative.empty() ? name : relative + "/" + name;
        struct stat info {};
        if (stat(abs.c_str(), &info) != 0) continue;
        if (S_ISDIR(info.st_mode)) walk(abs, rel, out);
        else if (name.size() > 4 && name.compare(name.size() - 4, 4, ".txt") == 0) out.push_back({abs, rel});
    }
    closedir(dir);
}

// The whole file, plus its fingerprint as Trawl stores it in slot 6 (FileKey.swift).
std::string read_file(const FoundFile &file, std::string &file_key) {
    const int fd = open(file.absolute.c_str(), O_RDONLY);
    if (fd < 0) throw std::runtime_error("cannot open " + file.absolute);
    struct stat info {};
    fstat(fd, &info);
    std::string text(static_cast<size_t>(info.st_size), '\0');
    size_t got = 0;
    while (got < text.size()) {
        const ssize_t n = read(fd, &text[got], text.size() - got);
        if (n <= 0) break;
        got += static_cast<size_t>(n);
    }
    close(fd);
    text.resize(got);
    const long long mtime_ns = static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec;
    file_key = "v1\x1f" + file.relative + "\x1f" + std::to_string(text.size()) + "\x1f" + std::to_string(mtime_ns) +
               "\x1f" + article::hex(cxapian::fnv1a(text.data(), text.size()));
    return text;
}

// writer.cpp's make_document for one parsed article.
Xapian::Document make_document(Xapian::TermGenerator &tg, const ArticleFile &a, const std::string &file_key) {
    using cxapian::kTitleBodyGap;
    using cxapian::make_term;
    Xapian::Document doc;
    doc.set_data(article::stored_data(a));
    tg.set_document(doc);
    if (!a.title.empty()) {
        tg.index_text(a.title, 1, TX_PREFIX_TITLE);
        tg.increase_termpos(kTitleBodyGap);
        tg.index_text(a.title);
        tg.increase_termpos(kTitleBodyGap);
    }
    if (!a.body.empty()) tg.index_text(a.body);
    if (!a.byline.empty()) {
        tg.increase_termpos(kTitleBodyGap);
        tg.index_text(a.byline, 1, TX_PREFIX_BYLINE);
    }
    doc.add_boolean_term(make_term(TX_PREFIX_ID, a.id));
    doc.add_boolean_term(make_term(TX_PREFIX_PATH, a.path));
    if (!a.source.empty()) {
        doc.add_boolean_term(make_term(TX_PREFIX_SOURCE, a.source));
        doc.add_value(TX_SLOT_SOURCE, a.source);
    }
    if (!a.site.empty()) cxapian::add_site_terms(doc, a.site);
    if (!a.url.empty()) doc.add_boolean_term(make_term(TX_PREFIX_URL, a.url));
    if (a.timestamp.size() == 14) cxapian::add_date_terms_and_values(doc, a.timestamp, "");  // the UTC day
    cxapian::add_sort_value(doc, a.timestamp);
    const std::string dup = article::duplicate_key(a.body);
    if (!dup.empty()) doc.add_value(TX_SLOT_COPIES, dup);  // Trawl writes a copies group here; a min-hash costs the same
    doc.add_value(TX_SLOT_FILE, file_key);
    return doc;
}

}  // namespace

int main(int argc, char **argv) {
    if (argc != 3) {
        std::cerr << "usage: refindex ROOT DBPATH\n";
        return 2;
    }
    try {
        const auto started = std::chrono::steady_clock::now();
        std::vector<FoundFile> files;
        walk(argv[1], "", files);
        std::sort(files.begin(), files.end(), [](const FoundFile &a, const FoundFile &b) { return a.relative < b.relative; });

        Xapian::WritableDatabase db(argv[2], Xapian::DB_CREATE_OR_OVERWRITE);
        Xapian::Stem stem("english");
        Xapian::TermGenerator tg;
        tg.set_stemmer(stem);
        tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
        tg.set_database(db);
        tg.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
        size_t bytes = 0;
        for (const FoundFile &file : files) {
            std::string file_key;
            const std::string text = read_file(file, file_key);
            bytes += text.size();
            db.add_document(make_document(tg, article::parse(text, file.relative), file_key));
        }
        db.set_metadata("trawl.generation", "1");
        db.commit();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::cout << "{\"articles\":" << files.size() << ",\"bytes\":" << bytes << ",\"seconds\":" << seconds << "}\n";
        return 0;
    } catch (const Xapian::Error &e) {
        std::cerr << "refindex: " << e.get_description() << "\n";
    } catch (const std::exception &e) {
        std::cerr << "refindex: " << e.what() << "\n";
    }
    return 1;
}
