import Synchronization

/// A list that only grows, whose copies share their elements: a copy sees the elements it was
/// made with, and appending to the copy that reaches furthest adds in place instead of copying
/// them all. `SessionProgress` holds its per-keyframe lists this way because the window takes a
/// copy of the progress every frame while the trainer appends a keyframe: with arrays, each
/// append then copied every keyframe so far, and the window released the old copy — work that
/// grew with the keyframes (at 100,000 keyframes a fifth of the window's time, and quadratic for
/// the trainer).
///
/// Value semantics: appending to a copy that another copy has already grown past gives it
/// storage of its own. Reading an element takes a lock (the storage may be growing meanwhile).
public struct AppendOnlyList<Element: Sendable>: Sendable {
    private final class Storage: Sendable {
        let elements: Mutex<[Element]>
        init(_ elements: [Element]) { self.elements = Mutex(elements) }
    }

    private var storage: Storage
    public private(set) var count: Int

    public init(_ elements: [Element] = []) {
        storage = Storage(elements)
        count = elements.count
    }

    public mutating func append(_ element: Element) {
        let count = count
        let grown = storage.elements.withLock { elements in
            guard elements.count == count else { return false }
            elements.append(element)
            return true
        }
        if !grown { storage = Storage(Array(self) + [element]) }
        self.count += 1
    }
}

extension AppendOnlyList: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Element {
        precondition(position >= 0 && position < count, "index \(position) out of 0..<\(count)")
        return storage.elements.withLock { $0[position] }
    }
}

extension AppendOnlyList: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension AppendOnlyList: Equatable where Element: Equatable {
    public static func == (a: Self, b: Self) -> Bool { a.elementsEqual(b) }
}
