import Foundation

/// Lends each thread at work a scratch object of its own (a memo, a buffer) and takes it back
/// for the next borrower, so that threads sharing a read-only model never share its scratch.
///
/// Borrowing costs a lock, so borrow once per document or sentence, not per word. Objects are
/// made on demand, at most one per thread borrowing at once, and kept for the pool's life.
public final class ScratchPool<Item: AnyObject>: @unchecked Sendable {
    // Inlinable, with what it reads: a generic class called from another module otherwise
    // looks up its type metadata at every call, which costs more than the lock.
    @usableFromInline let lock = NSLock()
    @usableFromInline var idle: [Item] = []
    @usableFromInline let make: @Sendable () -> Item

    public init(make: @escaping @Sendable () -> Item) {
        self.make = make
    }

    /// Calls `body` with an object no other thread holds meanwhile.
    @inlinable
    public func withItem<R>(_ body: (Item) throws -> R) rethrows -> R {
        lock.lock()
        let item = idle.popLast() ?? make()
        lock.unlock()
        defer {
            lock.lock()
            idle.append(item)
            lock.unlock()
        }
        return try body(item)
    }
}
