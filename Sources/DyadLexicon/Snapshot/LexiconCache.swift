import DyadCore
import Foundation

/// A folder of lexicon snapshots, each named by the key of the files it was built from, so that
/// a set of TABARI/PETRARCH dictionaries (or a Dyad lexicon) is compiled once, not on every run.
///
/// The key hashes (`ContentHasher`, 64 bits) the snapshot format version, the running `dyad`
/// executable (its size and modification time), what this build knows of CAMEO (the standard
/// event table, which imported lexicons extend), the files' format, and every file's name, kind
/// and bytes in load order. Any change to a file, and any other build of Dyad (whose lexicon
/// builder may read the same files differently), gives another key, so a stale snapshot is never
/// found, never read. A new build therefore compiles each lexicon once more; the folder keeps
/// the `keptSnapshots` most recently used snapshots and removes older ones when it stores one.
///
/// Nothing here is fatal: a folder that cannot be written or a file that cannot be read only
/// means building from the text, and `LoadedLexicon.cacheNotes` says why.
public struct LexiconCache: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// `$DYAD_CACHE_DIR`, else `$XDG_CACHE_HOME/dyad`, else `~/.cache/dyad` (empty variables,
    /// and an `XDG_CACHE_HOME` that is not absolute, count as unset, as the XDG rules say).
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let folder = environment["DYAD_CACHE_DIR"], !folder.isEmpty {
            return URL(fileURLWithPath: folder, isDirectory: true)
        }
        if let folder = environment["XDG_CACHE_HOME"], folder.hasPrefix("/") {
            return URL(fileURLWithPath: folder, isDirectory: true).appendingPathComponent("dyad", isDirectory: true)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache", isDirectory: true).appendingPathComponent("dyad", isDirectory: true)
    }

    /// The key of the lexicon that TABARI/PETRARCH `files`, read in this order, build.
    public static func key(for files: [PetrarchDictionaryFile]) -> UInt64 {
        key(format: "TABARI/PETRARCH", files: files.map { ($0.name, $0.kind.rawValue, $0.data) })
    }

    /// The key of the lexicon that files of a format (a reader) build.
    static func key(format: String, files: [(name: String, kind: String, data: Data)]) -> UInt64 {
        var hasher = ContentHasher()
        hasher.add(UInt64(LexiconSnapshot.formatVersion))
        hasher.add(buildIdentity)
        hasher.add(standardTableDigest)
        hasher.add(format)
        hasher.add(UInt64(files.count))
        for file in files {
            hasher.add(file.name)
            hasher.add(file.kind)
            file.data.withUnsafeBytes { hasher.add($0) }
        }
        return hasher.value
    }

    /// The running executable's size and modification time: another build of Dyad is another
    /// key, even when nobody bumped the snapshot format after changing how lexicons are built.
    /// 0 when the executable cannot be found (the format version and the files still count).
    private static let buildIdentity: UInt64 = {
        var status = stat()
        let path = FileManager.default.fileExists(atPath: "/proc/self/exe") ? "/proc/self/exe" : (Bundle.main.executablePath ?? "")
        guard !path.isEmpty, stat(path, &status) == 0 else { return 0 }
        var hasher = ContentHasher()
        hasher.add(UInt64(truncatingIfNeeded: status.st_size))
        hasher.add(UInt64(truncatingIfNeeded: status.st_mtim.tv_sec))
        hasher.add(UInt64(truncatingIfNeeded: status.st_mtim.tv_nsec))
        return hasher.value
    }()

    /// How many snapshots a folder keeps: the lexicons one uses, across a few builds.
    public static let keptSnapshots = 8

    /// A hash of the CAMEO event table this build ships: imported lexicons store it, extended.
    private static let standardTableDigest: UInt64 = {
        var hasher = ContentHasher()
        let table = CAMEOEventTable.standard
        for code in table.codes {
            guard let type = table[code] else { continue }
            for field in [type.code, String(type.quadClass), type.ploverCategory, type.ploverMode, type.ploverContext, type.description] {
                hasher.add(field)
            }
            hasher.add(type.goldstein.bitPattern)
        }
        return hasher.value
    }()

    /// The snapshot file of a key: `lexicon-<16 hex digits>.dyadlex`.
    public func fileURL(for key: UInt64) -> URL {
        let hex = String(key, radix: 16)
        return directory.appendingPathComponent("lexicon-" + String(repeating: "0", count: 16 - hex.count) + hex + ".dyadlex")
    }

    /// What the cache holds for a key.
    public enum Lookup: Sendable {
        case hit(Lexicon)
        case miss
        /// A file is there but cannot be read as a snapshot: why not.
        case unreadable(String)
    }

    /// The lexicon `build` makes, through `cache` when there is one (only then is the key,
    /// a hash of every file, worked out), else built from the text.
    static func lexicon(through cache: LexiconCache?, key: () -> UInt64, build: () -> Lexicon) -> LoadedLexicon {
        guard let cache else { return LoadedLexicon(lexicon: build(), fromCache: false, cacheNotes: []) }
        return cache.lexicon(key: key(), build: build)
    }

    /// The lexicon stored under `key`, else the one `build` makes, then stored under `key`.
    func lexicon(key: UInt64, build: () -> Lexicon) -> LoadedLexicon {
        var notes: [String] = []
        switch lookup(key) {
        case .hit(let lexicon):
            // Marks the snapshot used, so that pruning keeps the ones in use.
            utimes(fileURL(for: key).path, nil)
            return LoadedLexicon(lexicon: lexicon, fromCache: true, cacheNotes: [])
        case .miss: break
        case .unreadable(let why): notes.append("\(why); building the lexicon again")
        }
        let built = build()
        do {
            try store(built, key: key)
        } catch {
            notes.append("\(error); the lexicon is not cached")
        }
        return LoadedLexicon(lexicon: built, fromCache: false, cacheNotes: notes)
    }

    public func lookup(_ key: UInt64) -> Lookup {
        let url = fileURL(for: key)
        guard FileManager.default.fileExists(atPath: url.path) else { return .miss }
        let bytes: [UInt8]
        do {
            bytes = try CacheFiles.read(url.path)
        } catch {
            return .unreadable("cannot read \(error)")
        }
        do {
            return .hit(try Lexicon(snapshot: bytes))
        } catch {
            return .unreadable("\(url.path): \(error)")
        }
    }

    /// Writes a lexicon's snapshot under a key, atomically: into a temporary file in the same
    /// folder, then renamed over the name, so that a reader (another `dyad` running at the same
    /// time) sees the old file or the whole new one, never a part.
    public func store(_ lexicon: Lexicon, key: UInt64) throws {
        do {
            try CacheFiles.makeFolder(directory.path)
        } catch {
            throw LexiconCacheError(message: "cannot create \(directory.path): \(error)")
        }
        let url = fileURL(for: key)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try CacheFiles.writeNew(temporary.path, lexicon.snapshot())
        } catch {
            unlink(temporary.path)
            throw LexiconCacheError(message: "cannot write \(error)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let failure = CacheFiles.Failure(url.path)
            unlink(temporary.path)
            throw LexiconCacheError(message: "cannot rename a new snapshot to \(failure)")
        }
        pruneSnapshots(keeping: Self.keptSnapshots)
    }

    /// Removes all but the `count` most recently used snapshots (by modification time, which a
    /// hit renews). Another process reading one of them keeps its open file; nothing else here
    /// is touched.
    public func pruneSnapshots(keeping count: Int) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        var snapshots: [(path: String, modified: Int)] = []
        for name in names where name.hasPrefix("lexicon-") && name.hasSuffix(".dyadlex") {
            let path = directory.appendingPathComponent(name).path
            var status = stat()
            guard stat(path, &status) == 0 else { continue }
            snapshots.append((path, status.st_mtim.tv_sec * 1_000_000_000 + status.st_mtim.tv_nsec))
        }
        guard snapshots.count > count else { return }
        for stale in snapshots.sorted(by: { $0.modified > $1.modified }).dropFirst(count) { unlink(stale.path) }
    }
}

public struct LexiconCacheError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// A lexicon loaded from files, and whether the lexicon cache gave it.
public struct LoadedLexicon: Sendable {
    public var lexicon: Lexicon
    /// Read from the cache, not built from the files.
    public var fromCache: Bool
    /// What went wrong with the cache (a damaged snapshot rebuilt, a folder that cannot be
    /// written), one line each for the user. Loading went on regardless.
    public var cacheNotes: [String]

    public init(lexicon: Lexicon, fromCache: Bool, cacheNotes: [String]) {
        self.lexicon = lexicon
        self.fromCache = fromCache
        self.cacheNotes = cacheNotes
    }
}
