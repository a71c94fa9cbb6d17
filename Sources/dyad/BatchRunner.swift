import DyadCore
import DyadText
import Foundation

/// Runs a per-document function over batches of records on every core and hands the results
/// back in input order, so output is deterministic and memory stays per batch.
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

    /// Feeds records in, collects them into batches, and calls `emit` in input order.
    func run(input: InputArguments, emit: (InputRecord, Result) throws -> Void) throws -> InputSummary {
        var batch: [InputRecord] = []
        batch.reserveCapacity(batchSize)
        let summary = try input.forEachRecord { record in
            batch.append(record)
            if batch.count >= batchSize {
                try flush(&batch, emit: emit)
            }
        }
        try flush(&batch, emit: emit)
        return summary
    }

    private func flush(_ batch: inout [InputRecord], emit: (InputRecord, Result) throws -> Void) throws {
        guard !batch.isEmpty else { return }
        let records = batch
        let results = ResultSlots<Result>(count: records.count)
        let work = self.work
        let threads = min(self.threads, records.count)
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            var index = worker
            while index < records.count {
                results.set(index, work(records[index]))
                index += threads
            }
        }
        for (index, record) in records.enumerated() {
            try emit(record, results.get(index))
        }
        batch.removeAll(keepingCapacity: true)
    }
}

/// Slots each worker writes once, at its own indices; read after all workers are done.
final class ResultSlots<Result>: @unchecked Sendable {
    private var slots: [Result?]
    private let lock = NSLock()

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
