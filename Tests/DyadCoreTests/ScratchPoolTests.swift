import DyadCore
import Foundation
import XCTest

final class ScratchPoolTests: XCTestCase {
    final class Scratch {
        var uses = 0
    }

    /// An object goes back to the pool and serves the next borrower; borrowers at the same
    /// time (a nested borrow, then threads) each get their own.
    func testBorrowersAtOnceGetTheirOwnAndReturnedOnesAreReused() {
        let made = Counter()
        let pool = ScratchPool<Scratch> {
            made.add()
            return Scratch()
        }
        let first = pool.withItem { $0.uses += 1; return ObjectIdentifier($0) }
        let again = pool.withItem { $0.uses += 1; return ObjectIdentifier($0) }
        XCTAssertEqual(first, again)
        XCTAssertEqual(made.value, 1)
        pool.withItem { outer in
            pool.withItem { inner in XCTAssertFalse(outer === inner) }
        }
        XCTAssertEqual(made.value, 2)

        // Threads that each keep their scratch a while: no two ever hold the same one.
        let holders = Counter()
        DispatchQueue.concurrentPerform(iterations: 64) { _ in
            pool.withItem { scratch in
                holders.add()
                scratch.uses += 1
                let uses = scratch.uses
                Thread.sleep(forTimeInterval: 0.001)
                XCTAssertEqual(scratch.uses, uses, "another thread used the same scratch")
            }
        }
        XCTAssertEqual(holders.value, 64)
        XCTAssertLessThanOrEqual(made.value, 2 + ProcessInfo.processInfo.activeProcessorCount + 1)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func add() { lock.withLock { count += 1 } }
    }
}
