/// A user-facing problem with a file or a value: the message says where and what is wrong, and
/// what is allowed. Loaders throw only this.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
