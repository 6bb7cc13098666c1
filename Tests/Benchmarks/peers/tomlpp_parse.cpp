// Row 12's peer: toml++ (the Debian package libtomlplusplus-dev) reading the same TOML files as toml-bench.
// Same input, output and counting as Tests/Benchmarks/Sources/TOMLBenchmark: the files are read into memory once,
// each round parses all of them, and the values in the trees are counted.
//
// Usage: tomlpp-parse FILE... [--rounds N]

#include <toml++/toml.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

static long leaves(const toml::node &node) {
    if (const auto *table = node.as_table()) {
        long count = 0;
        for (const auto &entry : *table) count += leaves(entry.second);
        return count;
    }
    if (const auto *array = node.as_array()) {
        long count = 0;
        for (const auto &element : *array) count += leaves(element);
        return count;
    }
    return 1;
}

int main(int argc, char **argv) {
    std::vector<std::string> paths;
    int rounds = 5;
    for (int i = 1; i < argc; i++) {
        std::string argument = argv[i];
        if (argument == "--rounds" && i + 1 < argc) {
            rounds = std::atoi(argv[++i]);
        } else {
            paths.push_back(argument);
        }
    }
    if (paths.empty() || rounds <= 0) {
        std::fprintf(stderr, "usage: tomlpp-parse FILE... [--rounds N]\n");
        return 2;
    }
    std::vector<std::string> documents;
    long bytes = 0;
    for (const auto &path : paths) {
        std::ifstream file(path, std::ios::binary);
        if (!file) {
            std::fprintf(stderr, "tomlpp-parse: cannot read %s\n", path.c_str());
            return 2;
        }
        std::ostringstream text;
        text << file.rdbuf();
        documents.push_back(text.str());
        bytes += static_cast<long>(documents.back().size());
    }
    std::printf("{\"seconds\": [");
    long values = 0;
    for (int round = 0; round < rounds; round++) {
        auto began = std::chrono::steady_clock::now();
        long found = 0;
        for (size_t index = 0; index < documents.size(); index++) {
            try {
                toml::table table = toml::parse(documents[index], paths[index]);
                found += leaves(table);
            } catch (const toml::parse_error &error) {
                std::fprintf(stderr, "tomlpp-parse: %s: %s\n", paths[index].c_str(), error.what());
                return 1;
            }
        }
        std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - began;
        std::printf("%s%.9f", round ? ", " : "", elapsed.count());
        values = found;
    }
    std::printf("], \"values\": %ld, \"bytes\": %ld}\n", values, bytes);
    return 0;
}
