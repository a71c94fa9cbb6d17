/// The store's tables, the same on SQLite and PostgreSQL, and the migrations that build them.
/// Each migration runs in its own transaction and bumps `dyad_schema.version`; a store written
/// by a newer Dyad (a higher version) is refused rather than guessed at.
enum Schema {
    /// The version this build writes. Raise it by appending a migration below.
    static let currentVersion = 3

    /// Column types written once and spelled per dialect: `{PK}`, `{INT}`, `{REAL}`.
    static func ddl(_ sql: String, _ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite:
            return sql.replacingOccurrences(of: "{PK}", with: "INTEGER PRIMARY KEY")
                .replacingOccurrences(of: "{INT}", with: "INTEGER")
                .replacingOccurrences(of: "{REAL}", with: "REAL")
        case .postgres:
            return sql.replacingOccurrences(of: "{PK}", with: "BIGSERIAL PRIMARY KEY")
                .replacingOccurrences(of: "{INT}", with: "BIGINT")
                .replacingOccurrences(of: "{REAL}", with: "DOUBLE PRECISION")
        }
    }

    /// Statements of migration `version` (1-based) for a dialect.
    static func migration(_ version: Int, _ dialect: SQLDialect) -> [String] {
        switch version {
        case 1: return version1.map { ddl($0, dialect) }
        case 2: return version2(dialect)
        case 3: return version3.map { ddl($0, dialect) }
        default: return []
        }
    }

    /// Articles, what was found in them, grouped events and their mentions, ingest runs.
    static let version1 = [
        """
        CREATE TABLE ingest_runs (
            id {PK}, started TEXT NOT NULL, finished TEXT, input TEXT NOT NULL, status TEXT NOT NULL,
            articles_read {INT} NOT NULL DEFAULT 0, articles_stored {INT} NOT NULL DEFAULT 0,
            articles_skipped {INT} NOT NULL DEFAULT 0, sentences {INT} NOT NULL DEFAULT 0,
            events {INT} NOT NULL DEFAULT 0, mentions {INT} NOT NULL DEFAULT 0)
        """,
        """
        CREATE TABLE articles (
            id {PK}, content_hash TEXT NOT NULL UNIQUE, doc_id TEXT NOT NULL, url TEXT, source TEXT NOT NULL,
            title TEXT, date TEXT, text TEXT NOT NULL, length {INT} NOT NULL, sentence_count {INT} NOT NULL,
            lead_end {INT} NOT NULL, run_id {INT} REFERENCES ingest_runs(id), added TEXT NOT NULL)
        """,
        """
        CREATE TABLE sentences (
            id {PK}, article_id {INT} NOT NULL REFERENCES articles(id), idx {INT} NOT NULL,
            start {INT} NOT NULL, stop {INT} NOT NULL, text TEXT NOT NULL, UNIQUE (article_id, idx))
        """,
        """
        CREATE TABLE actors (
            id {PK}, article_id {INT} NOT NULL REFERENCES articles(id), sentence_idx {INT} NOT NULL,
            code TEXT NOT NULL, country TEXT, name TEXT, text TEXT NOT NULL, start {INT} NOT NULL,
            stop {INT} NOT NULL, resolution TEXT NOT NULL)
        """,
        """
        CREATE TABLE places (
            id {PK}, article_id {INT} NOT NULL REFERENCES articles(id), sentence_idx {INT} NOT NULL,
            name TEXT NOT NULL, country TEXT, adm1 TEXT, latitude {REAL}, longitude {REAL}, feature_id TEXT,
            start {INT} NOT NULL, stop {INT} NOT NULL)
        """,
        """
        CREATE TABLE events (
            id {PK}, source_code TEXT NOT NULL, source_country TEXT NOT NULL, source_name TEXT NOT NULL,
            target_code TEXT NOT NULL, target_country TEXT NOT NULL, target_name TEXT NOT NULL,
            code TEXT NOT NULL, base_code TEXT NOT NULL, root_code TEXT NOT NULL, quad_class {INT} NOT NULL,
            goldstein {REAL} NOT NULL, date TEXT NOT NULL, day {INT}, place TEXT NOT NULL,
            is_root {INT} NOT NULL, num_mentions {INT} NOT NULL, num_sources {INT} NOT NULL,
            num_articles {INT} NOT NULL, first_article {INT} NOT NULL REFERENCES articles(id),
            date_added TEXT NOT NULL)
        """,
        "CREATE INDEX events_group ON events (base_code, source_code, target_code, day)",
        "CREATE INDEX events_source ON events (source_country, target_country)",
        """
        CREATE TABLE mentions (
            id {PK}, event_id {INT} NOT NULL REFERENCES events(id), article_id {INT} NOT NULL REFERENCES articles(id),
            sentence_id {INT} REFERENCES sentences(id), sentence_idx {INT} NOT NULL, event_key TEXT NOT NULL,
            code TEXT NOT NULL, source_code TEXT, source_text TEXT, source_start {INT}, target_code TEXT,
            target_text TEXT, target_start {INT}, trigger_text TEXT NOT NULL, trigger_start {INT} NOT NULL,
            sentence_start {INT} NOT NULL, confidence {REAL} NOT NULL, in_lead {INT} NOT NULL,
            in_raw_text {INT} NOT NULL, negated {INT} NOT NULL, modality TEXT NOT NULL, rule TEXT NOT NULL,
            source_name TEXT NOT NULL, date TEXT NOT NULL, added TEXT NOT NULL)
        """,
        "CREATE INDEX mentions_event ON mentions (event_id)",
        "CREATE INDEX mentions_article ON mentions (article_id)",
        "CREATE INDEX actors_code ON actors (code)",
    ]

    /// Full-text search over sentences (evidence) and articles, and a date index.
    static func version2(_ dialect: SQLDialect) -> [String] {
        var statements = ["CREATE INDEX events_date ON events (date)"]
        switch dialect {
        case .sqlite:
            // External-content FTS5 tables: the text lives once, in sentences and articles.
            statements += [
                "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id', tokenize='porter unicode61')",
                "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id', tokenize='porter unicode61')",
                "INSERT INTO sentences_fts (rowid, text) SELECT id, text FROM sentences",
                "INSERT INTO articles_fts (rowid, title, text) SELECT id, coalesce(title, ''), text FROM articles",
            ]
        case .postgres:
            statements += [
                "CREATE INDEX sentences_search ON sentences USING GIN (to_tsvector('english', text))",
                "CREATE INDEX articles_search ON articles USING GIN (\(articleDocument))",
            ]
        }
        return statements
    }

    /// Geography of events for GDELT's Actor1Geo, Actor2Geo and ActionGeo columns: a place row
    /// holds what a GDELT row needs, and an event points at its action's and actors' places.
    static let version3 = [
        "ALTER TABLE places ADD COLUMN type TEXT",
        "ALTER TABLE places ADD COLUMN fips TEXT",
        "ALTER TABLE places ADD COLUMN adm1_name TEXT",
        "ALTER TABLE places ADD COLUMN country_name TEXT",
        "ALTER TABLE events ADD COLUMN action_place_id {INT} REFERENCES places(id)",
        "ALTER TABLE events ADD COLUMN source_place_id {INT} REFERENCES places(id)",
        "ALTER TABLE events ADD COLUMN target_place_id {INT} REFERENCES places(id)",
    ]

    /// The PostgreSQL text-search document of an article; queries spell it the same way so
    /// that the index serves them.
    static let articleDocument = "to_tsvector('english', coalesce(title, '') || ' ' || text)"

    /// Brings a store to `target` (normally `currentVersion`), or refuses one that is newer.
    static func migrate(_ backend: any StoreBackend, to target: Int = currentVersion, location: String) throws {
        let dialect = backend.dialect
        let existing: Int? = try backend.read { db in
            let tableCount: String
            switch dialect {
            case .sqlite:
                tableCount = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
            case .postgres:
                tableCount = "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"
            }
            guard try db.scalar(tableCount, [.text("dyad_schema")]).int ?? 0 > 0 else {
                if dialect == .sqlite, try db.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table'").int ?? 0 > 0 {
                    throw StoreError(.badStore, "\(location) is a SQLite database but not a Dyad store")
                }
                return nil
            }
            return try db.scalar("SELECT max(version) FROM dyad_schema").int ?? 0
        }
        var version = existing ?? 0
        if version > currentVersion {
            throw StoreError(
                .newerSchema,
                "\(location) has store schema version \(version), newer than this Dyad understands (\(currentVersion)); use a newer dyad"
            )
        }
        if existing == nil {
            try backend.transaction { db in
                try db.execute(ddl("CREATE TABLE dyad_schema (version {INT} NOT NULL)", dialect))
                try db.execute("INSERT INTO dyad_schema (version) VALUES (0)")
            }
        }
        while version < target {
            let next = version + 1
            try backend.transaction { db in
                // Re-read inside the transaction: another process may have migrated meanwhile.
                let now = try db.scalar("SELECT max(version) FROM dyad_schema").int ?? 0
                guard now < next else { return }
                for statement in migration(next, dialect) { try db.execute(statement) }
                try db.execute("UPDATE dyad_schema SET version = ?", [.int(Int64(next))])
            }
            version = next
        }
    }
}
