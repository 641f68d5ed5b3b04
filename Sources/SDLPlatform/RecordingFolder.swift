#if canImport(Glibc)
    import Glibc
#endif

/// The folder a recording writes its frames and manifest into.
public enum RecordingFolder {
    /// Why a folder cannot take a recording, with the system's reason (e.g. "Read-only file system");
    /// callers name the folder.
    public struct Unusable: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Creates `directory` and any missing parents, then checks that a file can be created in it,
    /// so that a read-only or unwritable folder is refused before the first frame rather than
    /// discovered by it.
    public static func prepare(_ directory: String) throws {
        var path = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw Unusable(description: "the folder cannot be created: \(String(cString: strerror(errno)))")
            }
        }
        var status = stat()
        guard stat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw Unusable(description: "it is not a folder")
        }
        let probe = directory + "/.neuroglow-write-check"
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw Unusable(description: "nothing can be written in it: \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        unlink(probe)
    }
}
