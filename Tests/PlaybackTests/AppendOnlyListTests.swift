import Dispatch
import Synchronization
import Testing

@testable import Session

/// The per-keyframe lists of `SessionProgress`: copies share their elements, appends do not copy
/// them, and every copy keeps seeing what it was made with.
struct AppendOnlyListTests {
    @Test func copiesKeepTheirOwnElements() {
        var a: AppendOnlyList<Int> = [1, 2]
        let snapshot = a
        a.append(3)
        #expect(Array(snapshot) == [1, 2] && Array(a) == [1, 2, 3])
        // A copy that another has grown past gets storage of its own when it grows.
        var b = snapshot
        b.append(9)
        #expect(Array(b) == [1, 2, 9] && Array(a) == [1, 2, 3] && Array(snapshot) == [1, 2])
        a.append(4)
        #expect(Array(a) == [1, 2, 3, 4] && Array(b) == [1, 2, 9])
        #expect(a != b && AppendOnlyList([1, 2, 3, 4]) == a)
    }

    /// As in the live window: one thread appends while another takes copies and reads them.
    @Test func aReaderCopyingWhileTheWriterAppendsSeesConsistentPrefixes() {
        let shared = Mutex(AppendOnlyList<Int>())
        let total = 20_000
        DispatchQueue.concurrentPerform(iterations: 2) { role in
            if role == 0 {
                for k in 0..<total { shared.withLock { $0.append(k) } }
            } else {
                var seen = 0
                while seen < total {
                    let copy = shared.withLock { $0 }
                    if let last = copy.last {
                        #expect(last == copy.count - 1 && copy[copy.count / 2] == copy.count / 2)
                    }
                    seen = copy.count
                }
            }
        }
        #expect(Array(shared.withLock { $0 }) == Array(0..<total))
    }
}
