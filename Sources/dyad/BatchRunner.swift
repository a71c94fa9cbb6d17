import DyadCore
import DyadText
import Foundation

/// Runs a per-document function over batches of records on every core and hands the results
/// back in input order, so output is deterministic and memory stays per batch.
///
/// One batch is in flight at a time: while the workers code it, the calling thread reads the
/// next batch and hands back the results of the previous one, so reading and writing do not
/// leave the cores idle.
struct BatchRunner<Result> {
    let batchSize: Int
    let threads: Int
    let work: @Sendable (InputRecord) -> Result

    init(batchSize: Int = 256, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
         work: @escaping @Sendable (InputRecord) -> Result) {
        self.batchSize = batchSize
        self.threads = max(1, threads)
        self.work = work
    }

    /// Feeds records in, collects them into batches, and calls `emit` in input order. When
    /// reading stops with an error (`--strict` at a bad record), the records read before it are
    /// still worked on and emitted, then the error is thrown.
    func run(input: InputArguments, emit: (InputRecord, Result) throws -> Void) throws -> InputSummary {
        var batch: [InputRecord] = []
        batch.reserveCapacity(batchSize)
        var inFlight: Flight? = nil
        // A thrown error must not leave workers writing into slots nobody reads.
        defer { inFlight?.done.wait() }
        /// Waits for the batch in flight, starts `next` (if any), then emits the finished batch
        /// while `next` is worked on.
        func advance(to next: [InputRecord]?) throws {
            let previous = inFlight
            previous?.done.wait()
            inFlight = next.map(start)
            if let previous { try previous.emit(emit) }
        }
        let summary: Swift.Result<InputSummary, Error>
        do {
            summary = .success(try input.forEachRecord { record in
                batch.append(record)
                if batch.count >= batchSize {
                    try advance(to: batch)
                    batch = []
                    batch.reserveCapacity(batchSize)
                }
            })
        } catch {
            summary = .failure(error)
        }
        if !batch.isEmpty { try advance(to: batch) }
        try advance(to: nil)
        return try summary.get()
    }

    /// A batch being worked on: its records, the slots its results go to, and a group that is
    /// done when every slot is written.
    private struct Flight {
        let records: [InputRecord]
        let results: ResultSlots<Result>
        let done: DispatchGroup

        func emit(_ emit: (InputRecord, Result) throws -> Void) throws {
            for (index, record) in records.enumerated() {
                try emit(record, results.get(index))
            }
        }
    }

    private func start(_ records: [InputRecord]) -> Flight {
        let results = ResultSlots<Result>(count: records.count)
        let work = self.work
        let threads = min(self.threads, records.count)
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done) {
            // Each worker takes the next record when it is free: documents differ in length, and
            // a fixed share per worker leaves one core idle at the end of every batch.
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while let index = results.claim() {
                    results.set(index, work(records[index]))
                }
            }
        }
        return Flight(records: records, results: results, done: done)
    }
}

/// Slots each worker claims and writes once; read after all workers are done.
final class ResultSlots<Result>: @unchecked Sendable {
    private var slots: [Result?]
    private var claimed = 0
    private let lock = NSLock()

    /// The next slot nobody works on yet, or nil when all are taken.
    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard claimed < slots.count else { return nil }
        claimed += 1
        return claimed - 1
    }

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func get(_ index: Int) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return slots[index]!
    }
}
